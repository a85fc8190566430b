package dev.snowpipecdc.component;

import java.util.List;
import java.util.Map;

/**
 * Rows handed to a channel and not yet seen committed. They are kept until the channel's committed offset token
 * covers their end token: the SDK acknowledges rows when it buffers them, and a channel that is invalidated loses
 * what it buffered, so these rows are sent again to the channel's next instance.
 *
 * @param eventTimesMillis source event times of the rows, for the end-to-end latency meter
 */
record SentBatch(List<Map<String, Object>> rows, String startOffsetToken, String endOffsetToken,
                 long[] eventTimesMillis) {
}
