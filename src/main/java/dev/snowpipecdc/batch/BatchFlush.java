package dev.snowpipecdc.batch;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * A message that sends a table route's open batch now. It joins the batch without adding a row, and
 * {@link ChannelBatchStrategy} marks the batch complete ({@code Exchange.AGGREGATION_COMPLETE_CURRENT_GROUP}, the
 * aggregator's documented way for a strategy to complete its group). The aggregator decides that under its lock, so
 * the flush also waits for a batch its completion interval is sending at that moment, and the completed batch is
 * sent on the flush's own thread: when {@link #send} returns, the sink has every row the route was given before.
 * (A message with {@code Exchange.AGGREGATION_COMPLETE_ALL_GROUPS}, or its inclusive variant, looks for open
 * batches without the lock, and can return while the interval is still sending the batch it took.)
 */
public enum BatchFlush {
    REQUEST;

    /** Sends the route behind {@code endpointUri} its open batch, and returns once it was handed to the sink. */
    public static void send(ProducerTemplate producer, String endpointUri) {
        producer.sendBody(endpointUri, REQUEST);
    }

    public static boolean isFlush(Exchange exchange) {
        return exchange.getMessage().getBody() == REQUEST;
    }
}
