package dev.snowpipecdc.routes;

import dev.snowpipecdc.deadletter.DeadLetters;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The dead-letter destination: each change or row that cannot be landed becomes a row of the warehouse's
 * {@code DEAD_LETTERS} table with its reason, and a WARN log line.
 */
public class DeadLetterRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(Endpoints.DEAD_LETTER).routeId(Endpoints.DEAD_LETTER_ROUTE_ID)
                // a failed batch is dead-lettered row by row
                .split(method(DeadLetters.class, "items"))
                .process("deadLetterRow")
                .log(LoggingLevel.WARN, "Dead-lettered (${header." + DeadLetters.REASON + "}): ${body[DETAIL]}")
                .to("snowpipe-streaming:{{cdc.dead-letter.table}}?channel={{cdc.dead-letter.table}}");
    }
}
