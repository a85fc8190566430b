package dev.snowpipecdc.deadletter;

/** Headers and reasons of the dead-letter destination (the {@code DEAD_LETTERS} table). */
public final class DeadLetters {

    /** Header: why the change or row is dead-lettered, one of the reasons below. */
    public static final String REASON = "CdcDeadLetterReason";
    /** Header: the error message, for people. */
    public static final String DETAIL = "CdcDeadLetterDetail";

    public static final String UNKNOWN_TABLE = "unknown-table";
    public static final String MALFORMED = "malformed";
    public static final String REJECTED_ROW = "rejected-row";

    private DeadLetters() {
    }
}
