package dev.snowpipecdc.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * Timer routes that read the state of the source, the sink and the warehouse into meters: {@code monitor}
 * (warehouse task runs, stream and dynamic-table lag) every cdc.monitor.warehouse-interval-ms,
 * {@code monitor-pipeline} (the source, e.g. its replication slot; the channels) every
 * cdc.monitor.pipeline-interval-ms, apart so that a slow warehouse does not hold back the source's meters and a
 * frequent look at the source costs no warehouse time, and {@code quality} (the sql/quality queries) every
 * cdc.quality.interval-ms. Each step logs and counts its own failures (monitoring/MonitorPoll), so one system that
 * cannot be reached does not hide the others.
 */
public class MonitoringRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:monitor?period={{cdc.monitor.warehouse-interval-ms}}"
                + "&delay={{cdc.monitor.warehouse-interval-ms}}")
                .routeId(Endpoints.MONITOR_ROUTE_ID)
                .process(Endpoints.TASK_RUN_MONITOR)
                .process(Endpoints.STREAM_LAG_MONITOR)
                .process(Endpoints.DYNAMIC_TABLE_LAG_MONITOR);
        from("timer:monitor-pipeline?period={{cdc.monitor.pipeline-interval-ms}}"
                + "&delay={{cdc.monitor.pipeline-interval-ms}}")
                .routeId(Endpoints.MONITOR_PIPELINE_ROUTE_ID)
                .process(Endpoints.SOURCE_MONITOR)
                .process(Endpoints.CHANNEL_STATUS_MONITOR);
        from("timer:quality?period={{cdc.quality.interval-ms}}&delay={{cdc.quality.interval-ms}}")
                .routeId(Endpoints.QUALITY_ROUTE_ID)
                .process(Endpoints.QUALITY_MONITOR);
    }
}
