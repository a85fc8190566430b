package dev.snowpipecdc.routes;

import java.sql.SQLException;

import dev.snowpipecdc.PipelineConfiguration;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * Once at start: bring the warehouse up to date with sql/ (versioned scripts, each captured table's objects,
 * repeatable scripts; recorded in SCHEMA_HISTORY), then start the source. The source waits because Snowpipe
 * Streaming cannot open a channel on a table that does not exist yet. A warehouse that cannot be reached is
 * tried again with back-off; a refused migration (a changed versioned script, a table without a key) is not: the
 * source stays stopped, and the log says why.
 */
public class SchemaRoutes extends RouteBuilder {

    @Override
    public void configure() {
        RouteDefinition route = from("timer:schema?repeatCount=1&delay=0").routeId(Endpoints.SCHEMA_ROUTE_ID);
        Retries.withBackOff(route.onException(SQLException.class))
                .handled(true)
                .log(LoggingLevel.ERROR, "Cannot bring the warehouse schema up to date, the source stays stopped: "
                        + "${exception.message}");
        route.onException(Exception.class)
                .handled(true)
                .log(LoggingLevel.ERROR, "Warehouse schema refused, the source stays stopped: ${exception.message}");
        route.bean(PipelineConfiguration.WAREHOUSE_SCHEMA, "apply")
                .log("Warehouse schema is up to date (applied: ${body.applied}); starting the source")
                .to("controlbus:route?routeId=" + Endpoints.SOURCE_ROUTE_ID + "&action=start");
    }
}
