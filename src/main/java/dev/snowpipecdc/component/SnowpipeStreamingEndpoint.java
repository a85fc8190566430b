package dev.snowpipecdc.component;

import java.time.Duration;

import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.OnError;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** Writes to one table over one Snowpipe Streaming channel. */
@UriEndpoint(firstVersion = "0.1.0", scheme = SnowpipeStreamingComponent.SCHEME, title = "Snowpipe Streaming",
        syntax = "snowpipe-streaming:table", producerOnly = true, category = {Category.DATABASE, Category.CLOUD},
        headersClass = SnowpipeStreamingConstants.class)
public class SnowpipeStreamingEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriPath(description = "Target table (unquoted names are upper-cased, as in Snowflake)")
    @Metadata(required = true)
    private final String table;
    @UriParam(description = "Database of the table; defaults to the component's database")
    private String database;
    @UriParam(description = "Schema of the table; defaults to the component's schema")
    private String schema;
    @UriParam(description = "Channel name; one writer owns a channel at a time. Defaults to the table name")
    private String channel;
    @UriParam(description = "What the channel does with invalid rows", defaultValue = "CONTINUE",
            enums = "CONTINUE,ABORT,SKIP_BATCH")
    private OnError onError = OnError.CONTINUE;
    @UriParam(description = "Where rows refused by validation go: one exchange per refused batch, its body the"
            + " List<RejectedRow> (index, row, SDK code, reason). Without it a refused row fails the exchange")
    private String deadLetterUri;
    @UriParam(description = "Return only once the warehouse has committed the exchange's rows (flushes the SDK and"
            + " waits); for rare, must-not-lose rows such as dead letters", defaultValue = "false")
    private boolean awaitCommit;
    @UriParam(description = "How long awaitCommit waits before the exchange fails (ms)", defaultValue = "120000")
    private long awaitCommitTimeoutMs = 120_000;
    @UriParam(description = "Largest insert handed to the SDK at once, estimated from the rows' values; a larger"
            + " batch is cut into several inserts", defaultValue = "16777216")
    private long maxBatchBytes = 16L * 1024 * 1024;
    @UriParam(description = "Row field holding the row's own offset token: rows at or below the channel's"
            + " committed token are then not sent again (replay after a restart)")
    private String offsetTokenColumn;
    @UriParam(description = "Row field holding the source event time (ISO-8601 or epoch ms), for the end-to-end"
            + " latency meter")
    private String eventTimeColumn;

    public SnowpipeStreamingEndpoint(String uri, SnowpipeStreamingComponent component, String table) {
        super(uri, component);
        this.table = table;
    }

    @Override
    public Producer createProducer() {
        return new SnowpipeStreamingProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("snowpipe-streaming is a sink: it has no consumer");
    }

    @Override
    public SnowpipeStreamingComponent getComponent() {
        return (SnowpipeStreamingComponent) super.getComponent();
    }

    ChannelId channelId() {
        return new ChannelId(database, schema, table, channel == null || channel.isBlank() ? table : channel);
    }

    @Override
    public String getServiceUrl() {
        return getComponent().getUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "snowpipe-streaming";
    }

    public String getTable() {
        return table;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public OnError getOnError() {
        return onError;
    }

    public void setOnError(OnError onError) {
        this.onError = onError;
    }

    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    public void setDeadLetterUri(String deadLetterUri) {
        this.deadLetterUri = deadLetterUri;
    }

    public boolean isAwaitCommit() {
        return awaitCommit;
    }

    public void setAwaitCommit(boolean awaitCommit) {
        this.awaitCommit = awaitCommit;
    }

    public long getAwaitCommitTimeoutMs() {
        return awaitCommitTimeoutMs;
    }

    public void setAwaitCommitTimeoutMs(long awaitCommitTimeoutMs) {
        this.awaitCommitTimeoutMs = awaitCommitTimeoutMs;
    }

    Duration getAwaitCommitTimeout() {
        return Duration.ofMillis(awaitCommitTimeoutMs);
    }

    public long getMaxBatchBytes() {
        return maxBatchBytes;
    }

    public void setMaxBatchBytes(long maxBatchBytes) {
        this.maxBatchBytes = maxBatchBytes;
    }

    public String getOffsetTokenColumn() {
        return offsetTokenColumn;
    }

    public void setOffsetTokenColumn(String offsetTokenColumn) {
        this.offsetTokenColumn = offsetTokenColumn;
    }

    public String getEventTimeColumn() {
        return eventTimeColumn;
    }

    public void setEventTimeColumn(String eventTimeColumn) {
        this.eventTimeColumn = eventTimeColumn;
    }
}
