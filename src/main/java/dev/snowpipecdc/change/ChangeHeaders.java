package dev.snowpipecdc.change;

/** Exchange headers the change-parsing step sets. */
public final class ChangeHeaders {

    /** The source table of the change in the body; the router routes on it. */
    public static final String TABLE = "CdcTable";
    /** Set instead of a change body when the message carries no row change: heartbeat, tombstone, ... */
    public static final String SKIPPED = "CdcSkipped";

    private ChangeHeaders() {
    }
}
