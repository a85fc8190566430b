package dev.snowpipecdc.routes;

import dev.snowpipecdc.change.ChangeHeaders;
import dev.snowpipecdc.change.MalformedChangeException;
import dev.snowpipecdc.deadletter.DeadLetters;
import dev.snowpipecdc.warehouse.tables.TableSettings;
import org.apache.camel.Predicate;
import org.apache.camel.builder.Builder;
import org.apache.camel.builder.RouteBuilder;

/**
 * Parse, then route: every source message becomes a {@code ChangeEvent} (or is skipped and counted), and each
 * change goes to its table's route. A change of a table without a route, or a message that cannot be parsed,
 * goes to the dead-letter destination with the reason.
 */
public class ChangeRoutes extends RouteBuilder {

    static final Predicate IS_CHANGE = Builder.header(ChangeHeaders.SKIPPED).isNull();

    @Override
    public void configure() {
        // a table is configured when a route was made for it from the cdc-table template: this context's
        // TableRoutes knows, looked up once here rather than for every change
        TableRoutes tableRoutes = getCamelContext().getRegistry().lookupByNameAndType(TableRoutes.BEAN,
                TableRoutes.class);
        Predicate hasTableRoute = exchange -> tableRoutes.has(exchange.getMessage().getHeader(ChangeHeaders.TABLE,
                String.class));
        from(Endpoints.CHANGES).routeId(Endpoints.PARSE_ROUTE_ID)
                .onException(MalformedChangeException.class).handled(true)
                    .setHeader(DeadLetters.REASON, constant(DeadLetters.MALFORMED))
                    .setHeader(DeadLetters.DETAIL, exceptionMessage())
                    .to(Endpoints.DEAD_LETTER)
                .end()
                .process(Endpoints.CHANGE_PARSER)
                .process("changeCounter")
                .filter(IS_CHANGE)
                .to(Endpoints.ROUTER);

        from(Endpoints.ROUTER).routeId(Endpoints.ROUTER_ROUTE_ID)
                .choice()
                    .when(hasTableRoute)
                        .toD(Endpoints.TABLE_PREFIX + "${header." + ChangeHeaders.TABLE + "}")
                    .otherwise()
                        .setHeader(DeadLetters.REASON, constant(DeadLetters.UNKNOWN_TABLE))
                        .setHeader(DeadLetters.DETAIL, simple("No route for table ${header." + ChangeHeaders.TABLE
                                + "}: add <schema>.${header." + ChangeHeaders.TABLE + "} to "
                                + TableSettings.TABLES + " (CDC_SOURCE_TABLES)"))
                        .to(Endpoints.DEAD_LETTER);
    }
}
