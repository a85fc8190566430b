package dev.snowpipecdc.routes;

import dev.snowpipecdc.component.SinkFailedException;
import dev.snowpipecdc.deadletter.DeadLetterRows;
import dev.snowpipecdc.deadletter.DeadLetters;
import dev.snowpipecdc.ingest.IngestException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * The dead-letter destination: what cannot be landed becomes rows of the warehouse's {@code DEAD_LETTERS} table
 * with its reason, and a WARN log line. The route returns only once the warehouse has committed them, so that a
 * dead-lettered change is never counted as done before it is recorded. A dead letter that cannot be written
 * (after retries) stops delivery: nothing is dropped silently.
 */
public class DeadLetterRoutes extends RouteBuilder {

    static final String SINK = "snowpipe-streaming:{{cdc.dead-letter.table}}?awaitCommit=true";

    @Override
    public void configure() {
        RouteDefinition route = from(Endpoints.DEAD_LETTER).routeId(Endpoints.DEAD_LETTER_ROUTE_ID);
        Retries.withBackOff(route.onException(IngestException.class))
                .handled(false)
                .bean(Endpoints.DELIVERY_GATE, Endpoints.FAIL_DELIVERY);
        route.onException(SinkFailedException.class, Exception.class)
                .handled(false)
                .bean(Endpoints.DELIVERY_GATE, Endpoints.FAIL_DELIVERY);
        route.process("deadLetterRows")
                .log(LoggingLevel.WARN, "Dead-lettered ${body.size()} (${body[0][REASON]}): ${body[0][DETAIL]}")
                .choice()
                    .when(header(DeadLetterRows.CHANNEL).isEqualTo(DeadLetterRows.UNPLACED))
                        .to(SINK + "&channel=" + DeadLetterRows.UNPLACED)
                    .otherwise()
                        .toD(SINK + "&channel=${header." + DeadLetterRows.CHANNEL + "}&offsetTokenColumn=OFFSET_TOKEN");
    }
}
