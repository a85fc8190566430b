package dev.snowpipecdc.deadletter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Headers and reasons of the dead-letter destination (the {@code DEAD_LETTERS} table). */
public final class DeadLetters {

    /** Header: why the change or row is dead-lettered, one of the reasons below. */
    public static final String REASON = "CdcDeadLetterReason";
    /** Header: the error message, for people. */
    public static final String DETAIL = "CdcDeadLetterDetail";

    public static final String UNKNOWN_TABLE = "unknown-table";
    public static final String MALFORMED = "malformed";
    public static final String REJECTED_ROW = "rejected-row";
    /** An enrichment could not look up what it needed in the source, within the retries. */
    public static final String LOOKUP_FAILED = "lookup-failed";
    /** Any other failure on a table route (e.g. an enrichment that cannot work for this row). */
    public static final String FAILED = "failed";

    /** The items a dead-letter exchange carries: each row of a batch, or the one change or row. */
    public static List<Object> items(Object body) {
        return body instanceof List<?> list ? new ArrayList<>(list)
                : Collections.singletonList(body);
    }

    private DeadLetters() {
    }
}
