package dev.snowpipecdc.change;

/** Exchange headers the change-parsing step sets. */
public final class ChangeHeaders {

    /** The source table of the change in the body; the router routes on it. */
    public static final String TABLE = "CdcTable";
    /** Set instead of a change body when the message carries no row change: heartbeat, tombstone, ... */
    public static final String SKIPPED = "CdcSkipped";
    /**
     * The Snowpipe Streaming channel the change goes to, when its source has more than one per table (one per
     * Kafka partition, say); without it the table's route writes to a channel named after the table.
     */
    public static final String CHANNEL = "CdcChannel";
    /**
     * The change's position in its channel, when that is not its offset token (a Kafka offset, say): what the
     * channel commits and what a replay is recognised by. The offset token still orders the table's changes in
     * the warehouse.
     */
    public static final String CHANNEL_TOKEN = "CdcChannelToken";

    private ChangeHeaders() {
    }
}
