package dev.snowpipecdc.component;

import org.apache.camel.spi.Metadata;

/** Headers of the {@code snowpipe-streaming} component. */
public final class SnowpipeStreamingConstants {

    @Metadata(description = "The offset token of the last row of the batch (the channel's token once committed)",
            javaType = "String")
    public static final String OFFSET_TOKEN = "SnowpipeOffsetToken";
    @Metadata(description = "The offset token of the first row of the batch", javaType = "String")
    public static final String START_OFFSET_TOKEN = "SnowpipeStartOffsetToken";
    @Metadata(description = "The offset token of each row of the batch, in body order (a List of String): rows at or"
            + " below the channel's token are not sent again, and a chunk's token is its last row's. Wins over the"
            + " offsetTokenColumn option, for rows whose place in the channel is not one of their columns",
            javaType = "java.util.List<String>")
    public static final String ROW_OFFSET_TOKENS = "SnowpipeRowOffsetTokens";
    @Metadata(description = "Out: rows accepted by the channel", javaType = "Integer")
    public static final String ROWS_ACCEPTED = "SnowpipeRowsAccepted";
    @Metadata(description = "Out: rows refused by validation and sent to the dead-letter endpoint",
            javaType = "Integer")
    public static final String ROWS_REJECTED = "SnowpipeRowsRejected";
    @Metadata(description = "Out: rows not sent because the channel had already committed them", javaType = "Integer")
    public static final String ROWS_SKIPPED = "SnowpipeRowsSkipped";
    @Metadata(description = "On a dead-lettered row: its 0-based index in the batch", javaType = "Integer")
    public static final String REJECTED_ROW_INDEX = "SnowpipeRejectedRowIndex";
    @Metadata(description = "On a dead-lettered row: why it was refused", javaType = "String")
    public static final String REJECTED_REASON = "SnowpipeRejectedReason";
    @Metadata(description = "On a dead-lettered row: the SDK's error code", javaType = "String")
    public static final String REJECTED_CODE = "SnowpipeRejectedCode";
    @Metadata(description = "On a dead-lettered row: the channel it was sent to", javaType = "String")
    public static final String CHANNEL = "SnowpipeChannel";
    @Metadata(description = "On dead-lettered rows: the name of the channel they were sent to, without its table",
            javaType = "String")
    public static final String CHANNEL_NAME = "SnowpipeChannelName";

    private SnowpipeStreamingConstants() {
    }
}
