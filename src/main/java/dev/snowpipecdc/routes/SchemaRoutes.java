package dev.snowpipecdc.routes;

import java.sql.SQLException;
import java.time.Duration;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.health.StartupChecks;
import dev.snowpipecdc.health.StartupFailure;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * Once at start: make the routes of the captured tables that YAML did not make (TableRoutes), check what start-up
 * needs (health/StartupChecks), bring the warehouse up to date with sql/
 * (versioned scripts, each captured table's objects, repeatable scripts; recorded in SCHEMA_HISTORY), then start
 * the source. The source waits because Snowpipe Streaming cannot open a channel on a table that does not exist yet.
 * A warehouse or source catalog that cannot be reached is tried again with back-off; a mistake in the
 * configuration is not. Either, once it is final, stops the pipeline (health/StartupFailure): {@code run} exits
 * with status 1 and the reason.
 */
public class SchemaRoutes extends RouteBuilder {

    @Override
    public void configure() {
        RouteDefinition route = from("timer:schema?repeatCount=1&delay=0").routeId(Endpoints.SCHEMA_ROUTE_ID);
        Retries.withBackOff(route.onException(SQLException.class))
                .handled(true)
                .setBody(simple("Cannot bring the warehouse schema up to date: ${exception.message}"))
                .bean(StartupFailure.ID, "fail");
        route.onException(StartupChecks.Mistakes.class)
                .handled(true)
                .setBody(simple("Start-up check failed: ${exception.message}"))
                .bean(StartupFailure.ID, "fail");
        route.onException(Exception.class)
                .handled(true)
                .setBody(simple("Warehouse schema refused: ${exception.message}"))
                .bean(StartupFailure.ID, "fail");
        route.process(exchange -> awaitStarted(exchange.getContext()))
                .process(exchange -> exchange.getContext().getRegistry()
                        .lookupByNameAndType(TableRoutes.BEAN, TableRoutes.class).addMissing(exchange.getContext()))
                .process(exchange -> StartupChecks.verify(exchange.getContext()))
                .bean(PipelineConfiguration.WAREHOUSE_SCHEMA, "apply")
                .log("Warehouse schema is up to date (applied: ${body.applied}); starting the source")
                .to("controlbus:route?routeId=" + Endpoints.SOURCE_ROUTE_ID + "&action=start");
    }

    /**
     * The timer fires as soon as this route starts, while the context may still be starting the others; what the
     * steps change then is not always taken up (a route added from a template is registered but never started).
     * So the start-up steps wait for the context.
     */
    static void awaitStarted(CamelContext context) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!context.getStatus().isStarted()) {
            if (context.getStatus().isStopping() || context.getStatus().isStopped()
                    || System.nanoTime() > deadline) {
                throw new IllegalStateException("The Camel context did not finish starting (" + context.getStatus()
                        + "), so the start-up steps did not run");
            }
            Thread.sleep(20);
        }
    }
}
