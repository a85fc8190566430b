package dev.snowpipecdc.routes;

import java.time.Instant;

import dev.snowpipecdc.batch.ChannelBatchStrategy;
import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.change.RawChangeRow;
import dev.snowpipecdc.component.SnowpipeStreamingConstants;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The route of one source table, as a template that routes/tables.camel.yaml instantiates per table:
 * enrich → landing row → micro-batch (size or time, whichever first) → {@code snowpipe-streaming} on the
 * table's own channel. Parameters: {@code table}, {@code enricher} (a Processor bean), {@code batchSize},
 * {@code batchTimeoutMs}.
 */
public class TableRouteTemplate extends RouteBuilder {

    @Override
    public void configure() {
        routeTemplate(Endpoints.TABLE_TEMPLATE)
                .templateParameter("table", null, "Source table name, e.g. orders")
                .templateParameter("enricher", "noEnrichment", "Processor bean that enriches the change")
                .templateParameter("batchSize", "{{cdc.batch.size}}", "Rows per micro-batch at most")
                .templateParameter("batchTimeoutMs", "{{cdc.batch.timeout-ms}}", "Longest wait to fill a batch")
                .from(Endpoints.TABLE_PREFIX + "{{table}}")
                .routeProperty(Endpoints.TABLE_ROUTE_PROPERTY, "{{table}}")
                // the warehouse may be briefly unreachable: retry with back-off before giving up on a batch
                .onException(Exception.class)
                    .maximumRedeliveries("{{cdc.sink.max-redeliveries}}")
                    .redeliveryDelay("{{cdc.sink.redelivery-delay-ms}}")
                    .useExponentialBackOff()
                    .maximumRedeliveryDelay("30000")
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                .end()
                .process("{{enricher}}")
                .process(TableRouteTemplate::toLandingRow)
                // one correlation group: the route is one table, one channel. The source calls it from one
                // thread, so batches complete and leave in source order.
                .aggregate(constant(true), new ChannelBatchStrategy())
                    .completionSize("{{batchSize}}")
                    .completionTimeout("{{batchTimeoutMs}}")
                    .forceCompletionOnStop()
                    .to("snowpipe-streaming:{{cdc.landing.table}}?channel={{table}}"
                            + "&offsetTokenColumn=" + RawChangeRow.OFFSET_TOKEN
                            + "&eventTimeColumn=" + RawChangeRow.COMMITTED_AT
                            + "&deadLetterUri=" + Endpoints.DEAD_LETTER);
    }

    static void toLandingRow(Exchange exchange) throws InvalidPayloadException {
        ChangeEvent event = exchange.getMessage().getMandatoryBody(ChangeEvent.class);
        exchange.getMessage().setHeader(SnowpipeStreamingConstants.OFFSET_TOKEN, event.offsetToken());
        exchange.getMessage().setBody(RawChangeRow.of(event, Instant.now()));
    }
}
