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

    public static final String TABLE = "table";
    public static final String OP = "op";
    public static final String REASON = "reason";
    public static final String CHANNEL = "channel";
    /** The warehouse table a channel writes to. */
    public static final String TARGET = "target";

    private Meters() {
    }
}
