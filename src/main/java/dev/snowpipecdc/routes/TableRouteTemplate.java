package dev.snowpipecdc.routes;

import java.time.Instant;

import dev.snowpipecdc.batch.BatchFlush;
import dev.snowpipecdc.batch.ChannelBatchStrategy;
import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.change.ChangeHeaders;
import dev.snowpipecdc.change.RawChangeRow;
import dev.snowpipecdc.component.SnowpipeStreamingConstants;
import dev.snowpipecdc.deadletter.DeadLetters;
import dev.snowpipecdc.enrich.LookupFailedException;
import dev.snowpipecdc.ingest.OnError;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * The route of one source table, as a template instantiated per captured table (by TableRoutes at start, or by a
 * templatedRoute in routes/tables.camel.yaml that sets its parameters):
 * enrich → landing row → micro-batch (size, or age: a batch leaves at most batchIntervalMs after it started) →
 * {@code snowpipe-streaming} on the table's own channel, or on the channel the source names per change
 * ({@link ChangeHeaders#CHANNEL}, e.g. one per Kafka partition, with a batch per channel). Parameters:
 * {@code table}, {@code enricher} (a Processor bean), {@code batchSize}, {@code batchIntervalMs}.
 *
 * <p>Batches are sent on the thread that completes them ({@link #BATCH_SENDER} is a synchronous executor), so
 * they leave in source order and a warehouse that does not take them holds the source back instead of queueing
 * batches in memory. The sink retries what the warehouse may get over (an outage, an invalidated channel) itself,
 * holding the channel so that batches stay in order; when it gives up, delivery stops ({@code deliveryGate}): the
 * source is stopped and its position not saved, so a restart replays from what the warehouse has. A source
 * lookup that keeps failing, and anything else a table route cannot handle, goes to the dead-letter destination
 * with its reason. Rows the warehouse refuses are dead-lettered (and committed) before the rest of their batch is
 * sent (onError SKIP_BATCH).
 */
public class TableRouteTemplate extends RouteBuilder {

    /** What the landing channels do with rows the warehouse refuses: dead-letter them first, then the rest. */
    public static final OnError ON_ERROR = OnError.SKIP_BATCH;

    /** The executor (a bean) on which completed batches are sent. */
    public static final String BATCH_SENDER = "cdcBatchSender";

    @Override
    public void configure() {
        RouteDefinition route = routeTemplate(Endpoints.TABLE_TEMPLATE)
                .templateParameter("table", null, "Source table name, e.g. orders")
                .templateParameter("enricher", "noEnrichment", "Processor bean that enriches the change")
                .templateParameter("batchSize", "{{cdc.batch.size}}", "Rows per micro-batch at most")
                .templateParameter("batchIntervalMs", "{{cdc.batch.interval-ms}}", "Longest a row waits in a batch")
                .from(Endpoints.TABLE_PREFIX + "{{table}}")
                .routeProperty(Endpoints.TABLE_ROUTE_PROPERTY, "{{table}}");
        Retries.withBackOff(route.onException(LookupFailedException.class))
                .handled(true)
                .setHeader(DeadLetters.REASON, constant(DeadLetters.LOOKUP_FAILED))
                .setHeader(DeadLetters.DETAIL, exceptionMessage())
                .to(Endpoints.DEAD_LETTER);
        // a batch's send failed: the sink retried, holding its channel, and gave up, or failed otherwise with part
        // of the batch maybe in the channel already (dead-lettering it would record changes that also land): stop
        // rather than skip
        route.onException(Exception.class)
                .onWhen(exchangeProperty(Exchange.AGGREGATED_SIZE).isNotNull())
                .handled(true)
                .bean(Endpoints.DELIVERY_GATE, Endpoints.FAIL_DELIVERY);
        route.onException(Exception.class)
                .handled(true)
                .setHeader(DeadLetters.REASON, constant(DeadLetters.FAILED))
                .setHeader(DeadLetters.DETAIL, exceptionMessage())
                .to(Endpoints.DEAD_LETTER);
        // the table's own channel, unless the source has one per partition (ChangeHeaders.CHANNEL)
        route.filter(header(ChangeHeaders.CHANNEL).isNull())
                    .setHeader(ChangeHeaders.CHANNEL, constant("{{table}}"))
                .end();
        // a flush (delivery/DeliveryGate) only completes the open batch: it is not a change
        route.filter(exchange -> !BatchFlush.isFlush(exchange))
                    .process("{{enricher}}")
                    .process(TableRouteTemplate::toLandingRow)
                .end()
                // a batch per channel: one channel's rows in their source order
                .aggregate(header(ChangeHeaders.CHANNEL), new ChannelBatchStrategy())
                    .completionSize("{{batchSize}}")
                    .completionInterval("{{batchIntervalMs}}")
                    .forceCompletionOnStop()
                    .executorService(BATCH_SENDER)
                    // each row's place in the channel comes with the batch (SnowpipeRowOffsetTokens)
                    .toD("snowpipe-streaming:{{cdc.landing.table}}?channel=${header." + ChangeHeaders.CHANNEL + "}"
                            + "&onError=" + ON_ERROR
                            // the commit time as epoch ms (COMMITTED_AT's instant, without parsing its text)
                            + "&eventTimeColumn=" + RawChangeRow.TS_MS
                            + "&deadLetterUri=" + Endpoints.DEAD_LETTER);
    }

    /** The change as a landing row, with its place in its channel: its own, or its offset token. */
    static void toLandingRow(Exchange exchange) throws InvalidPayloadException {
        ChangeEvent event = exchange.getMessage().getMandatoryBody(ChangeEvent.class);
        String channelToken = exchange.getMessage().getHeader(ChangeHeaders.CHANNEL_TOKEN, String.class);
        exchange.getMessage().setHeader(SnowpipeStreamingConstants.OFFSET_TOKEN,
                channelToken != null ? channelToken : event.offsetToken());
        exchange.getMessage().setBody(RawChangeRow.of(event, Instant.now()));
    }
}
