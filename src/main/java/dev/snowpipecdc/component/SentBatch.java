package dev.snowpipecdc.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.snowpipecdc.change.OffsetTokens;

/**
 * Rows handed to a channel and not yet seen committed. They are kept until the channel's committed offset token
 * covers their end token: the SDK acknowledges rows when it buffers them, and a channel that is invalidated loses
 * what it buffered, so these rows are sent again to the channel's next instance.
 *
 * @param eventTimesMillis source event times of the rows, for the end-to-end latency meter (empty without them)
 * @param rowTokens        each row's own offset token, in row order; empty without per-row tokens
 */
record SentBatch(List<Map<String, Object>> rows, String startOffsetToken, String endOffsetToken,
                 long[] eventTimesMillis, List<String> rowTokens) {

    /**
     * The rows {@code committed} does not cover yet. Another writer of the channel (a member the consumer group
     * expelled, still sending) may have committed part of this batch under its own batch boundaries: sending those
     * rows again would land them twice. Without per-row tokens the batch stays whole.
     */
    SentBatch notCoveredBy(Optional<String> committed) {
        if (rowTokens.isEmpty() || committed.isEmpty()) {
            return this;
        }
        List<Map<String, Object>> rest = new ArrayList<>();
        List<String> restTokens = new ArrayList<>();
        List<Long> restTimes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String token = rowTokens.get(i);
            if (token == null || !OffsetTokens.covers(committed, token)) {
                rest.add(rows.get(i));
                restTokens.add(token);
                if (eventTimesMillis.length == rows.size()) {
                    restTimes.add(eventTimesMillis[i]);
                }
            }
        }
        if (rest.size() == rows.size()) {
            return this;
        }
        return new SentBatch(rest, rest.isEmpty() ? null : restTokens.get(0), endOffsetToken,
                restTimes.stream().mapToLong(Long::longValue).toArray(), restTokens);
    }
}
