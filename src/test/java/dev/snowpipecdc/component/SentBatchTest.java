package dev.snowpipecdc.component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch sent again after a reopen leaves out the rows the channel's committed token already covers: another
 * writer (a member the consumer group expelled, still sending) may have committed part of it under batch
 * boundaries of its own (ScaleOutEndToEndTest once landed 905 of 900 changes before this).
 */
class SentBatchTest {

    private static final List<Map<String, Object>> ROWS = List.of(Map.of("ID", 1), Map.of("ID", 2), Map.of("ID", 3),
            Map.of("ID", 4));

    @Test
    void should_leave_out_the_rows_the_committed_token_covers() {
        SentBatch batch = new SentBatch(ROWS, "11", "14", new long[] {1, 2, 3, 4}, List.of("11", "12", "13", "14"));

        SentBatch rest = batch.notCoveredBy(Optional.of("12"));

        assertThat(rest.rows()).containsExactly(Map.of("ID", 3), Map.of("ID", 4));
        assertThat(rest.startOffsetToken()).isEqualTo("13");
        assertThat(rest.endOffsetToken()).isEqualTo("14");
        assertThat(rest.eventTimesMillis()).containsExactly(3, 4);
        assertThat(rest.rowTokens()).containsExactly("13", "14");
        assertThat(batch.notCoveredBy(Optional.of("14")).rows()).isEmpty();
        assertThat(batch.notCoveredBy(Optional.of("10"))).isSameAs(batch);
        assertThat(batch.notCoveredBy(Optional.empty())).isSameAs(batch);
    }

    @Test
    void should_keep_a_batch_without_row_tokens_whole() {
        SentBatch batch = new SentBatch(ROWS, null, "14", new long[0], List.of());

        assertThat(batch.notCoveredBy(Optional.of("12"))).isSameAs(batch);
    }
}
