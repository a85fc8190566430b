package dev.snowpipecdc.routes;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import dev.snowpipecdc.health.StartupChecks;
import dev.snowpipecdc.health.StartupFailure;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.kafka.common.KafkaException;

/**
 * The publish topology's Java routes (its publishing step is YAML: routes/publish-kafka.camel.yaml). Once at start:
 * check the wiring, create the topics that do not exist and read what their partitions hold already, then start the
 * source; Kafka not reachable is tried again with back-off, anything else stops the pipeline with the reason
 * (health/StartupFailure). And {@code monitor-pipeline}: the source's meters (its replication slot) every
 * cdc.monitor.pipeline-interval-ms.
 */
public class PublishRoutes extends RouteBuilder {

    @Override
    public void configure() {
        RouteDefinition start = from("timer:publish-start?repeatCount=1&delay=0")
                .routeId(Endpoints.PUBLISH_START_ROUTE_ID);
        Retries.withBackOff(start.onException(ExecutionException.class, TimeoutException.class,
                        KafkaException.class))
                .handled(true)
                .setBody(simple("Cannot prepare the Kafka topics: ${exception.message}"))
                .bean(StartupFailure.ID, "fail");
        start.onException(StartupChecks.Mistakes.class)
                .handled(true)
                .setBody(simple("Start-up check failed: ${exception.message}"))
                .bean(StartupFailure.ID, "fail");
        start.onException(Exception.class)
                .handled(true)
                .setBody(simple("Cannot start publishing: ${exception.message}"))
                .bean(StartupFailure.ID, "fail");
        start.process(exchange -> SchemaRoutes.awaitStarted(exchange.getContext()))
                .process(exchange -> StartupChecks.verify(exchange.getContext()))
                .bean(Endpoints.PUBLISHED_TOPICS, "prepare")
                .log("Kafka topics ${bean:" + Endpoints.PUBLISHED_TOPICS + "?method=topics} are ready; starting"
                        + " the source")
                .to("controlbus:route?routeId=" + Endpoints.SOURCE_ROUTE_ID + "&action=start");

        from("timer:monitor-pipeline?period={{cdc.monitor.pipeline-interval-ms}}"
                + "&delay={{cdc.monitor.pipeline-interval-ms}}")
                .routeId(Endpoints.MONITOR_PIPELINE_ROUTE_ID)
                .process(Endpoints.SOURCE_MONITOR);
    }
}
