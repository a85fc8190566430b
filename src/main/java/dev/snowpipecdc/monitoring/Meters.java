package dev.snowpipecdc.monitoring;

/** Names of the pipeline's Micrometer meters and their tags (ARCHITECTURE.md §9). */
public final class Meters {

    /** Counter: changes parsed, tags {@link #TABLE} and {@link #OP}. */
    public static final String EVENTS = "cdc.events";
    /** Counter: source messages without a row change that were dropped, tag {@link #REASON}. */
    public static final String SKIPPED = "cdc.skipped";
    /** Counter: changes and rows sent to the dead-letter destination, tag {@link #REASON}. */
    public static final String DEAD_LETTERS = "cdc.dead.letter";
    /** Timer: source commit → warehouse commit, with p50/p95/p99 and histogram buckets. */
    public static final String END_TO_END_LATENCY = "cdc.end.to.end.latency";
    /** Gauges (seconds): p50, p95, p99 of {@link #END_TO_END_LATENCY} over the last minutes, tag {@link #QUANTILE}. */
    public static final String END_TO_END_LATENCY_PERCENTILE = "cdc.end.to.end.latency.percentile";
    /** Counter: rows handed to a channel, tag {@link #CHANNEL}. */
    public static final String ROWS_SENT = "snowpipe.rows.sent";
    /** Counter: rows the warehouse committed, tag {@link #CHANNEL}. */
    public static final String ROWS_COMMITTED = "snowpipe.rows.committed";
    /** Gauge: rows sent but not yet committed, tags {@link #CHANNEL} and {@link #TARGET}. */
    public static final String CHANNEL_LAG = "snowpipe.channel.lag";
    /** Counter: rows not sent because the warehouse had committed them before (replays), tags as above. */
    public static final String ROWS_ALREADY_COMMITTED = "snowpipe.rows.already.committed";
    /** Gauges: changes handed to the pipeline in this run, and how many of them landed or were dead-lettered. */
    public static final String RECONCILIATION_IN = "cdc.reconciliation.in";
    public static final String RECONCILIATION_LANDED = "cdc.reconciliation.landed";
    public static final String RECONCILIATION_DEAD_LETTERED = "cdc.reconciliation.dead.lettered";
    /** Gauge: in − landed − dead-lettered; 0 once everything handed in is accounted for. */
    public static final String RECONCILIATION_PENDING = "cdc.reconciliation.pending";

    /** Gauge (seconds): age of the oldest change handed to the sink that the warehouse has not committed. */
    public static final String END_TO_END_LAG = "cdc.end.to.end.lag";
    /** Gauge: WAL bytes the replication slot holds that the pipeline has not confirmed (tag {@link #SLOT}). */
    public static final String SOURCE_LAG_BYTES = "cdc.source.lag.bytes";
    /** Gauge (seconds): PostgreSQL's flush lag of the slot's reader (0 when caught up), tag {@link #SLOT}. */
    public static final String SOURCE_LAG = "cdc.source.lag";
    /** Gauge: 1 while Debezium reads the replication slot, else 0, tag {@link #SLOT}. */
    public static final String SOURCE_CONNECTED = "cdc.source.connected";
    /** Gauge (consume topology): messages of the partition not yet handled, tags {@link #TOPIC}, {@link #PARTITION}. */
    public static final String KAFKA_PARTITION_LAG = "cdc.kafka.partition.lag";
    /** Gauge (consume topology): the partition's offset the warehouse has committed (-1: none), same tags. */
    public static final String KAFKA_PARTITION_COMMITTED = "cdc.kafka.partition.committed.offset";
    /** Gauge (consume topology): partitions this member of the group reads. */
    public static final String KAFKA_PARTITIONS_ASSIGNED = "cdc.kafka.partitions.assigned";
    /** Counter: records the publish topology has had acknowledged by Kafka (tag {@link #TOPIC}). */
    public static final String KAFKA_PUBLISHED = "cdc.kafka.published";
    /** Gauge: 1 for the channel's state (tags {@link #CHANNEL}, {@link #TARGET}, {@link #STATE}), 0 for the others. */
    public static final String CHANNEL_STATE = "snowpipe.channel.state";
    /** Counter: warehouse task runs that ended, tags {@link #TASK} and {@link #STATE}. */
    public static final String TASK_RUNS = "warehouse.task.runs";
    /** Gauge: a task's latest runs that failed in a row (skipped runs aside), tag {@link #TASK}. */
    public static final String TASK_FAILURE_STREAK = "warehouse.task.failure.streak";
    /** Gauge (seconds): how long ago the oldest change a stream holds committed in the source, tag {@link #STREAM}. */
    public static final String STREAM_LAG = "warehouse.stream.lag";
    /** Gauge (seconds): how far a dynamic table's data is behind now, tag {@link #DYNAMIC_TABLE}. */
    public static final String DYNAMIC_TABLE_LAG = "warehouse.dynamic.table.lag";
    /** Gauge: 1 when a dynamic table's last refresh failed, tag {@link #DYNAMIC_TABLE}. */
    public static final String DYNAMIC_TABLE_FAILED = "warehouse.dynamic.table.refresh.failed";
    /** Gauge: rows the last run of a quality query found, tags {@link #CHECK} and {@link #TABLE}. */
    public static final String QUALITY_VIOLATIONS = "warehouse.quality.violations";
    /** Counter: monitoring polls that failed (the query's error is logged), tag {@link #MONITOR}. */
    public static final String MONITOR_FAILURES = "cdc.monitor.failures";
    /** Timer: how long monitoring polls take, tag {@link #MONITOR}. */
    public static final String MONITOR_DURATION = "cdc.monitor.duration";

    public static final String TOPIC = "topic";
    public static final String PARTITION = "partition";
    public static final String TABLE = "table";
    public static final String OP = "op";
    public static final String REASON = "reason";
    public static final String CHANNEL = "channel";
    /** The warehouse table a channel writes to. */
    public static final String TARGET = "target";
    public static final String SLOT = "slot";
    public static final String QUANTILE = "quantile";
    public static final String STATE = "state";
    public static final String TASK = "task";
    public static final String STREAM = "stream";
    public static final String DYNAMIC_TABLE = "dynamic_table";
    public static final String CHECK = "check";
    public static final String MONITOR = "monitor";

    private Meters() {
    }
}
