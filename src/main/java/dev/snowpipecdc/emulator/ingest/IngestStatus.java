package dev.snowpipecdc.emulator.ingest;

/**
 * The status codes of the Snowpipe Streaming service that the emulator answers with; numbers and meanings are the
 * ones the ingest SDK knows ({@code StreamingIngestResponseCode}), so it reacts exactly as it would to Snowflake.
 */
enum IngestStatus {
    SUCCESS(0, "Success"),
    TABLE_DOES_NOT_EXIST(4, "The supplied table does not exist or is not authorized"),
    TABLE_OR_COLUMN_TYPE_NOT_SUPPORTED(6, "Snowpipe Streaming is not supported on the type of table resolved, or the"
            + " table contains columns that are either AUTOINCREMENT or IDENTITY columns or a column with a default value"),
    DATABASE_DOES_NOT_EXIST(8, "The supplied database does not exist or is not authorized"),
    SCHEMA_DOES_NOT_EXIST(9, "The supplied schema does not exist or is not authorized"),
    RETRY_REQUEST(10, "Snowflake experienced a transient exception, please retry the request"),
    CHANNEL_HAS_INVALID_CLIENT_SEQUENCER(20, "The channel is owned by another writer at this time. Either re-open the"
            + " channel to gain exclusive write ownership or close the channel and let the other writer continue"),
    CHANNEL_HAS_INVALID_ROW_SEQUENCER(21, "The client provided an out-of-order message, please reopen the channel"),
    OTHER_CHANNEL_IN_CHUNK_HAS_ISSUE(22, "Another channel managed by this Client had an issue which is preventing the"
            + " current channel from ingesting data. Please re-open the channel"),
    CHANNEL_DOES_NOT_EXIST(25, "The channel does not exist or is not authorized"),
    MISSING_COLUMN_IN_EP_INFO(40, "A schema change occurred on the table, please re-open the channel and supply the"
            + " missing data");

    final int code;
    final String message;

    IngestStatus(int code, String message) {
        this.code = code;
        this.message = message;
    }
}
