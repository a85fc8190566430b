package dev.snowpipecdc.source.debezium;

import java.util.Map;
import java.util.Optional;

import dev.snowpipecdc.change.MalformedChangeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceBlockTest {

    private static Optional<Long> lastCommitLsn(String sequence) {
        return new SourceBlock(Map.of("sequence", sequence)).lastCommitLsn();
    }

    @Test
    void the_last_commit_lsn_is_the_first_entry_of_debezium_s_sequence() {
        assertThat(lastCommitLsn("[\"24023128\",\"24023200\"]")).contains(24023128L);
        assertThat(lastCommitLsn(" [ \"18446744073709551\" , \"1\" ] ")).contains(18446744073709551L);
        assertThat(lastCommitLsn("[null,\"500\"]")).isEmpty();
        assertThat(lastCommitLsn("[]")).isEmpty();
        assertThat(new SourceBlock(Map.of()).lastCommitLsn()).isEmpty();
    }

    @Test
    void an_unreadable_sequence_is_a_malformed_change() {
        for (String bad : new String[] {"", "24023128", "[24023128]", "[\"x\",\"1\"]", "[\"12"}) {
            assertThatThrownBy(() -> lastCommitLsn(bad)).as(bad).isInstanceOf(MalformedChangeException.class)
                    .hasMessageContaining("Unreadable Debezium sequence");
        }
    }
}
