package dev.snowpipecdc.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.snowpipecdc.component.SnowpipeStreamingConstants;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;

/**
 * Collects one channel's rows into a micro-batch in arrival order (the source order: the source calls the route
 * from a single thread). The batch carries each row's offset token (its place in the channel), and those of its
 * first and last rows; the last one is the batch's token, which the channel commits. A {@link BatchFlush}
 * completes the batch without adding a row (a batch of nothing but a flush has no rows and no tokens; the sink
 * sends nothing for it).
 */
public final class ChannelBatchStrategy implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange batch, Exchange next) {
        if (BatchFlush.isFlush(next)) {
            Exchange flushed = batch;
            if (flushed == null) {
                flushed = next;
                flushed.getMessage().setBody(new ArrayList<Map<?, ?>>());
                flushed.getMessage().setHeader(SnowpipeStreamingConstants.ROW_OFFSET_TOKENS, new ArrayList<String>());
            }
            flushed.setProperty(ExchangePropertyKey.AGGREGATION_COMPLETE_CURRENT_GROUP, true);
            return flushed;
        }
        Map<?, ?> row = next.getMessage().getBody(Map.class);
        String token = next.getMessage().getHeader(SnowpipeStreamingConstants.OFFSET_TOKEN, String.class);
        if (batch == null) {
            List<Map<?, ?>> rows = new ArrayList<>();
            rows.add(row);
            List<String> tokens = new ArrayList<>();
            tokens.add(token);
            next.getMessage().setBody(rows);
            next.getMessage().setHeader(SnowpipeStreamingConstants.ROW_OFFSET_TOKENS, tokens);
            next.getMessage().setHeader(SnowpipeStreamingConstants.START_OFFSET_TOKEN, token);
            return next;
        }
        @SuppressWarnings("unchecked")
        List<Map<?, ?>> rows = batch.getMessage().getBody(List.class);
        rows.add(row);
        @SuppressWarnings("unchecked")
        List<String> tokens = batch.getMessage().getHeader(SnowpipeStreamingConstants.ROW_OFFSET_TOKENS, List.class);
        tokens.add(token);
        batch.getMessage().setHeader(SnowpipeStreamingConstants.OFFSET_TOKEN, token);
        return batch;
    }
}
