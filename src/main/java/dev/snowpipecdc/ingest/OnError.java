package dev.snowpipecdc.ingest;

/** What a channel does with a batch that holds invalid rows (Snowflake's ON_ERROR of the channel). */
public enum OnError {
    /** Insert the valid rows; report the invalid ones. */
    CONTINUE,
    /** Fail the whole batch at the first invalid row. */
    ABORT,
    /** Insert nothing from a batch with any invalid row; report all of them. */
    SKIP_BATCH
}
