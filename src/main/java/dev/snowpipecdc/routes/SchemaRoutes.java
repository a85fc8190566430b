package dev.snowpipecdc.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * Once at start: apply the versioned SQL in sql/ to the warehouse, then start the source. The source waits
 * because Snowpipe Streaming cannot open a channel on a table that does not exist yet.
 */
public class SchemaRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:schema?repeatCount=1&delay=0").routeId(Endpoints.SCHEMA_ROUTE_ID)
                .bean("schemaScripts", "apply")
                .log("Warehouse schema is up to date; starting the source")
                .to("controlbus:route?routeId=" + Endpoints.SOURCE_ROUTE_ID + "&action=start");
    }
}
