package dev.snowpipecdc.routes;

/** Endpoint URIs, route ids and template ids that the Java routes and the YAML in routes/ share. */
public final class Endpoints {

    /** Where a source route (routes/*.camel.yaml) sends what it receives, as it receives it. */
    public static final String CHANGES = "direct:cdc-changes";
    /** Parsed changes, to be routed to their table's route. */
    public static final String ROUTER = "direct:cdc-router";
    /** Per-table routes listen on this prefix plus the table name. */
    public static final String TABLE_PREFIX = "direct:table-";
    /** Changes and rows that cannot be landed. */
    public static final String DEAD_LETTER = "direct:dead-letter";

    /**
     * The processor each source binds under this name: it turns the source's messages into {@code ChangeEvent}s
     * (or marks them skipped) for the parse route.
     */
    public static final String CHANGE_PARSER = "changeParser";
    /** The source route; it starts once the schema route has created the landing tables. */
    public static final String SOURCE_ROUTE_ID = "cdc-source";
    public static final String PARSE_ROUTE_ID = "cdc-parse";
    public static final String ROUTER_ROUTE_ID = "cdc-router";
    public static final String DEAD_LETTER_ROUTE_ID = "dead-letter";
    public static final String SCHEMA_ROUTE_ID = "schema";
    /** The publish topology's start-up route: the topics, then the source. */
    public static final String PUBLISH_START_ROUTE_ID = "publish-start";
    /** The publish topology's topics and what their partitions hold (publish/PublishedTopics). */
    public static final String PUBLISHED_TOPICS = "publishedTopics";
    /** The publish topology's step that publishes each change (publish/ChangePublisher). */
    public static final String CHANGE_PUBLISHER = "changePublisher";
    public static final String MONITOR_ROUTE_ID = "monitor";
    public static final String MONITOR_PIPELINE_ROUTE_ID = "monitor-pipeline";
    public static final String QUALITY_ROUTE_ID = "quality";
    /** Route property naming the table of a route made from {@link #TABLE_TEMPLATE}. */
    public static final String TABLE_ROUTE_PROPERTY = "cdc.table";
    /** The route template of a table: enrich, batch, write. */
    public static final String TABLE_TEMPLATE = "cdc-table";

    /** The bean that holds the source back to what the warehouse has committed (delivery/DeliveryGate). */
    public static final String DELIVERY_GATE = "deliveryGate";
    /** The gate's method to call, as a bean call, when a failure must stop delivery (the exception says why). */
    public static final String FAIL_DELIVERY = "fail(${exception.message})";

    // the monitoring beans the monitor and quality routes call (monitoring/*Monitor)
    /** The source's own meters (its binder binds it: the replication slot's, or a consumer group's lag). */
    public static final String SOURCE_MONITOR = "sourceMonitor";
    public static final String CHANNEL_STATUS_MONITOR = "channelStatusMonitor";
    public static final String TASK_RUN_MONITOR = "taskRunMonitor";
    public static final String STREAM_LAG_MONITOR = "streamLagMonitor";
    public static final String DYNAMIC_TABLE_LAG_MONITOR = "dynamicTableLagMonitor";
    public static final String QUALITY_MONITOR = "qualityMonitor";

    private Endpoints() {
    }
}
