package dev.snowpipecdc.change;

import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OffsetTokensTest {

    @Test
    void a_token_is_what_the_format_pattern_makes_of_its_fields() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            int phase = random.nextInt(2);
            long commit = i % 3 == 0 ? random.nextLong() : random.nextLong() >>> random.nextInt(64);
            long lsn = random.nextLong() >>> random.nextInt(64);
            long sequence = random.nextLong() >>> (32 + random.nextInt(32));
            String expected = String.format(Locale.ROOT, "%d-%016X-%016X-%08X", phase, commit, lsn, sequence);
            assertThat(OffsetTokens.format(phase, commit, lsn, sequence)).isEqualTo(expected)
                    .hasSize(OffsetTokens.LENGTH);
        }
        assertThat(OffsetTokens.format(1, 0, 0x1A2B, 0xFFFF_FFFFL)).isEqualTo("1-0000000000000000-0000000000001A2B-FFFFFFFF");
    }

    @Test
    void a_field_that_does_not_fit_is_an_error_not_a_longer_token() {
        assertThatThrownBy(() -> OffsetTokens.format(1, 0, 0, 1L << 32)).hasMessageContaining("wider than 8");
        assertThatThrownBy(() -> OffsetTokens.format(10, 0, 0, 0)).hasMessageContaining("one digit");
    }

    @Test
    void ties_in_a_transaction_count_up_and_start_afresh_at_its_boundary() {
        OffsetTokens tokens = new OffsetTokens();
        assertThat(tokens.streamed("orders", Optional.of(16L), 32)).isEqualTo("1-0000000000000010-0000000000000020-00000000");
        assertThat(tokens.streamed("orders", Optional.of(16L), 32)).endsWith("-00000001");
        tokens.transactionBoundary();
        assertThat(tokens.streamed("orders", Optional.of(16L), 32)).endsWith("-00000000");
        assertThat(tokens.snapshotRead("orders", 5)).isEqualTo("0-0000000000000005-0000000000000000-00000000");
    }
}
