package dev.snowpipecdc.component;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.snowpipecdc.change.OffsetTokens;
import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.OnError;
import dev.snowpipecdc.ingest.IngestException;
import dev.snowpipecdc.ingest.IngestClient;
import dev.snowpipecdc.ingest.IngestClientFactory;
import dev.snowpipecdc.ingest.IngestSettings;
import dev.snowpipecdc.ingest.PrivateKeys;
import dev.snowpipecdc.monitoring.Meters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code snowpipe-streaming} component: writes rows into Snowflake tables through Snowpipe Streaming. Holds
 * the one ingest client all endpoints share (created on first use, closed on stop), the open channels, and the
 * tracker that turns committed offset tokens into commit metrics.
 */
@Component("snowpipe-streaming")
public class SnowpipeStreamingComponent extends DefaultComponent {

    public static final String SCHEME = "snowpipe-streaming";

    private static final Logger LOG = LoggerFactory.getLogger(SnowpipeStreamingComponent.class);

    @Metadata(description = "Snowflake account URL, e.g. https://myorg-myaccount.snowflakecomputing.com", required = true)
    private String url;
    @Metadata(description = "Snowflake user with key-pair authentication", required = true)
    private String user;
    @Metadata(description = "Role to use; the user's default role when empty")
    private String role;
    @Metadata(label = "security", secret = true,
            description = "Private key as PKCS#8 PEM text (encrypted or not); wins over privateKeyFile")
    private String privateKey;
    @Metadata(label = "security", description = "File with the PKCS#8 PEM private key")
    private String privateKeyFile;
    @Metadata(label = "security", secret = true, description = "Passphrase of an encrypted private key")
    private String privateKeyPassphrase;
    @Metadata(description = "Default database of endpoints")
    private String database;
    @Metadata(description = "Default schema of endpoints", defaultValue = "PUBLIC")
    private String schema = "PUBLIC";
    @Metadata(description = "Name of the ingest client (shows in Snowflake's channel list)", defaultValue = "snowpipe-cdc")
    private String clientName = "snowpipe-cdc";
    @Metadata(description = "Ingest SDK parameter overrides, e.g. max_client_lag=1000 (keys are lower-cased)")
    private Map<String, Object> parameterOverrides = new HashMap<>();
    @Metadata(description = "How often committed offset tokens are polled for commit metrics (ms)", defaultValue = "250")
    private long commitPollIntervalMs = 250;
    @Metadata(description = "How many times in a row a channel is reopened (after the service invalidated it)"
            + " without committing anything before it gives up", defaultValue = "5")
    private int maxReopens = 5;
    @Metadata(description = "How many times a batch the service does not take (outage, invalidated channel) is"
            + " tried again, with back-off, before its channel gives up", defaultValue = "20")
    private int maxRetries = 20;
    @Metadata(description = "Delay before the first retry (ms); doubles with each retry, up to 30 s",
            defaultValue = "500")
    private long retryDelayMs = 500;
    @Metadata(description = "While waiting for commits, a channel whose committed token has not moved for this long"
            + " (ms) is reopened to check it is still ours; well above the SDK's max_client_lag",
            defaultValue = "20000")
    private long stallReopenMs = 20_000;
    @Metadata(autowired = true, description = "Registry for the component's meters")
    private MeterRegistry meterRegistry;
    @Metadata(description = "The Snowpipe Streaming SDK that writes: classic (snowflake-ingest-sdk, a channel per"
            + " table) or high-performance (snowpipe-streaming, a channel per table on its default pipe"
            + " <TABLE>-STREAMING; rows are checked against the table's columns before sending, see warehouse)",
            defaultValue = "classic",
            enums = "classic,high-performance")
    private String sdk = IngestClientFactory.CLASSIC_SDK;
    @Metadata(label = "advanced", description = "The warehouse (a JDBC DataSource) where the high-performance SDK"
            + " reads each table's columns (INFORMATION_SCHEMA.COLUMNS) to check rows before sending them, so that a"
            + " row Snowflake would refuse goes to the dead letters with its reason; without it Snowflake validates"
            + " alone and a refused row is only counted in its channel's status. The pipeline sets its warehouse")
    private DataSource warehouse;
    @Metadata(label = "advanced", description = "Makes the ingest client instead of the sdk option (the pipeline sets"
            + " the registry's only IngestClientFactory bean, if there is one: the benchmark's sinks)")
    private IngestClientFactory clientFactory;

    private IngestClient client;
    private ChannelRegistry channels;
    private CommitTracker commits;
    private ScheduledExecutorService poller;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("snowpipe-streaming needs a table: snowpipe-streaming:TABLE");
        }
        SnowpipeStreamingEndpoint endpoint = new SnowpipeStreamingEndpoint(uri, this, remaining);
        endpoint.setDatabase(database);
        endpoint.setSchema(schema);
        setProperties(endpoint, parameters);
        if (endpoint.getDatabase() == null || endpoint.getDatabase().isBlank()) {
            throw new IllegalArgumentException("snowpipe-streaming:" + remaining + " needs a database: set the"
                    + " endpoint's database option or the component's database");
        }
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (meterRegistry == null) {
            meterRegistry = new SimpleMeterRegistry();
        }
        commits = new CommitTracker(this::client, meterRegistry);
        channels = new ChannelRegistry(this::client, commits, maxReopens);
        Gauge.builder(Meters.END_TO_END_LAG, this, SnowpipeStreamingComponent::endToEndLagSeconds)
                .baseUnit("seconds")
                .description("Age of the oldest change handed to the sink that the warehouse has not committed"
                        + " (0 when all are committed)")
                .strongReference(true)
                .register(meterRegistry);
        poller = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "SnowpipeStreamingCommitTracker");
        poller.scheduleWithFixedDelay(() -> commits.poll(channels.waiting()), commitPollIntervalMs,
                commitPollIntervalMs, TimeUnit.MILLISECONDS);
        if (url != null && !url.isBlank()) {
            // connecting takes seconds (key parsing, client configure): pay it at start, not on the first batch,
            // and fail at start when the account cannot be reached
            client();
        }
    }

    @Override
    protected void doStop() throws Exception {
        try {
            if (poller != null) {
                getCamelContext().getExecutorServiceManager().shutdownGraceful(poller);
            }
            if (channels != null) {
                channels.closeAll();
            }
            IngestClient closing;
            synchronized (this) {
                closing = client;
            }
            if (closing != null) {
                // closing channels waited for their commits: record them before the client goes. Not under this
                // component's lock: a sender still holding a channel's lock (a source's handover the route stop
                // gave up waiting for) may need it to reach the client, and the poll waits for that channel
                commits.poll(channels.waiting());
                synchronized (this) {
                    client.close();
                }
            }
        } finally {
            synchronized (this) {
                client = null;
            }
            super.doStop();
        }
    }

    /** The shared ingest client, connected on first use. */
    synchronized IngestClient client() {
        if (client == null) {
            if (isStoppingOrStopped()) {
                throw new IllegalStateException("snowpipe-streaming is stopping; no new ingest client");
            }
            if (url == null || url.isBlank() || user == null || user.isBlank()) {
                throw new IllegalStateException("snowpipe-streaming needs the component's url and user"
                        + " (camel.component.snowpipe-streaming.url / .user)");
            }
            IngestSettings settings = new IngestSettings(clientName, url, user, Optional.ofNullable(role),
                    PrivateKeys.resolve(Optional.ofNullable(privateKey), Optional.ofNullable(privateKeyFile)),
                    Optional.ofNullable(privateKeyPassphrase).filter(p -> !p.isBlank()), parameterOverrides);
            client = (clientFactory != null ? clientFactory
                    : IngestClientFactory.of(sdk, Optional.ofNullable(warehouse))).connect(settings);
        }
        return client;
    }

    ChannelRegistry channels() {
        return channels;
    }

    CommitTracker commits() {
        return commits;
    }

    MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** Flushes every channel now (instead of at the SDK's next max_client_lag tick) and waits for registration. */
    public void flush() {
        client().flush();
    }

    /** Rows handed to channels whose commit has not been seen yet. */
    public long pendingRows() {
        return channels == null ? 0 : channels.all().stream().mapToLong(ChannelState::unconfirmedRows).sum();
    }

    /** Where each channel this process has used stands. */
    public List<ChannelStatus> channelStatuses() {
        return channels == null ? List.of() : channels.all().stream().map(ChannelState::status).toList();
    }

    /**
     * The source event time (epoch ms) of the oldest row not yet committed by the warehouse, among rows being
     * delivered and rows sent and not seen committed; empty when every row handed to a channel is committed.
     */
    public OptionalLong oldestUncommittedEvent() {
        long oldest = channels == null ? ChannelState.NO_EVENT : channels.all().stream()
                .mapToLong(ChannelState::oldestWaitingEvent).min().orElse(ChannelState.NO_EVENT);
        return oldest == ChannelState.NO_EVENT ? OptionalLong.empty() : OptionalLong.of(oldest);
    }

    /** Seconds since the source commit of the oldest change not yet committed by the warehouse; 0 if none. */
    public double endToEndLagSeconds() {
        OptionalLong oldest = oldestUncommittedEvent();
        return oldest.isEmpty() ? 0 : Math.max(0, System.currentTimeMillis() - oldest.getAsLong()) / 1000.0;
    }

    /**
     * The offset token the warehouse has committed on a channel, opening the channel if this process has not yet
     * (a source that can seek, such as a Kafka partition, starts reading again after it); empty when the channel
     * has nothing committed. The channel keeps the {@code onError} it was first used with.
     *
     * @throws SinkFailedException when the channel has given up
     */
    public Optional<String> committedOffsetToken(String table, String channel, OnError onError) {
        ChannelState state = channels.state(channelId(table, channel), onError);
        synchronized (state) {
            channels.ready(state);
            return state.committed();
        }
    }

    /**
     * The offset token this process has seen the warehouse commit on a channel, without asking the service (it is
     * as recent as the last commit poll); empty when it has seen none or does not use the channel.
     */
    public Optional<String> knownCommittedOffsetToken(String table, String channel) {
        return used(table, channel).flatMap(ChannelState::committed);
    }

    /**
     * Gives a channel up to another writer (its source partition moved to another process): waits up to
     * {@code timeout} for the warehouse to commit what this process sent on it, closes it and forgets it; its next
     * use here opens it afresh from its committed token. Rows still not committed are left to the next owner, which
     * reads them again from the source.
     *
     * @return the offset token the warehouse had committed on it when it was given up; empty if none, or if this
     *         process did not use the channel
     */
    public Optional<String> release(String table, String channel, Duration timeout) {
        Optional<ChannelState> found = used(table, channel);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ChannelState state = found.get();
        synchronized (state) {
            if (state.failure().isEmpty()) {
                try {
                    awaitCommitted(List.of(state), timeout);
                } catch (RuntimeException e) {
                    LOG.warn("Channel {}: handing it over before the warehouse committed everything sent on it ({});"
                            + " its next owner reads those changes again", state.id, e.getMessage());
                }
            }
            Optional<String> committed = state.committed();
            channels.release(state);
            return committed;
        }
    }

    /** The state of a channel of this component's database and schema, if this process has used it. */
    private Optional<ChannelState> used(String table, String channel) {
        return channels == null ? Optional.empty() : channels.find(channelId(table, channel));
    }

    private ChannelId channelId(String table, String channel) {
        return new ChannelId(database, schema, table, channel);
    }

    /** Why a channel gave up, if one did: then nothing more is delivered until the pipeline restarts. */
    public Optional<String> failure() {
        return channels == null ? Optional.empty() : channels.all().stream()
                .flatMap(s -> s.failure().map(f -> s.id + ": " + f).stream()).findFirst();
    }

    /**
     * Waits until the warehouse has committed every row handed to any channel so far: flushes the SDK's buffers,
     * reopens (and sends again to) channels the service invalidated, and polls the committed tokens.
     *
     * @throws IngestException     when that does not happen within {@code timeout}
     * @throws SinkFailedException when a channel gave up
     */
    public void awaitAllCommitted(Duration timeout) {
        awaitCommitted(channels.all(), timeout);
    }

    void awaitCommitted(Collection<ChannelState> states, Duration timeout) {
        Map<ChannelState, String> targets = new HashMap<>();
        states.forEach(s -> s.lastUnconfirmed().ifPresent(token -> targets.put(s, token)));
        if (targets.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        client().flush();
        Map<ChannelState, Progress> progress = new HashMap<>();
        while (true) {
            List<ChannelState> behind = targets.entrySet().stream()
                    .filter(e -> !OffsetTokens.covers(e.getKey().committed(), e.getValue()))
                    .map(Map.Entry::getKey).toList();
            if (behind.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            for (ChannelState state : behind) {
                suspectIfStalled(state, progress, now);
                if (!state.usable() || state.failure().isPresent()) {
                    state.suspicion().ifPresent(why -> LOG.warn("Channel {}: {}; reopening it", state.id, why));
                    synchronized (state) {
                        channels.ready(state);
                    }
                    client().flush();
                }
            }
            commits.poll(behind);
            if (System.nanoTime() > deadline) {
                throw new IngestException("The warehouse did not commit the rows of " + behind.stream()
                        .map(s -> s.id.toString()).toList() + " within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(Math.min(commitPollIntervalMs, 100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException("Interrupted while waiting for the warehouse to commit", e);
            }
        }
    }

    /**
     * Rows flushed before another writer took the channel over leave nothing for the SDK to fail on, so it keeps
     * the instance valid while the service ignores it: a channel whose committed token has not moved for
     * stallReopenMs is reopened to check.
     */
    private void suspectIfStalled(ChannelState state, Map<ChannelState, Progress> progress, long now) {
        Progress seen = progress.get(state);
        boolean moved = seen == null || !seen.committed().equals(state.committed());
        if (moved || now - seen.since() > TimeUnit.MILLISECONDS.toNanos(stallReopenMs)) {
            if (!moved) {
                state.suspect("no commit for " + stallReopenMs + " ms");
            }
            progress.put(state, new Progress(state.committed(), now));
        }
    }

    private record Progress(Optional<String> committed, long since) {
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(String privateKey) {
        this.privateKey = privateKey;
    }

    public String getPrivateKeyFile() {
        return privateKeyFile;
    }

    public void setPrivateKeyFile(String privateKeyFile) {
        this.privateKeyFile = privateKeyFile;
    }

    public String getPrivateKeyPassphrase() {
        return privateKeyPassphrase;
    }

    public void setPrivateKeyPassphrase(String privateKeyPassphrase) {
        this.privateKeyPassphrase = privateKeyPassphrase;
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

    public String getClientName() {
        return clientName;
    }

    public void setClientName(String clientName) {
        this.clientName = clientName;
    }

    public Map<String, Object> getParameterOverrides() {
        return parameterOverrides;
    }

    public void setParameterOverrides(Map<String, Object> parameterOverrides) {
        this.parameterOverrides = parameterOverrides;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryDelayMs() {
        return retryDelayMs;
    }

    public void setRetryDelayMs(long retryDelayMs) {
        this.retryDelayMs = retryDelayMs;
    }

    public int getMaxReopens() {
        return maxReopens;
    }

    public void setMaxReopens(int maxReopens) {
        this.maxReopens = maxReopens;
    }

    public long getStallReopenMs() {
        return stallReopenMs;
    }

    public void setStallReopenMs(long stallReopenMs) {
        this.stallReopenMs = stallReopenMs;
    }

    public long getCommitPollIntervalMs() {
        return commitPollIntervalMs;
    }

    public void setCommitPollIntervalMs(long commitPollIntervalMs) {
        this.commitPollIntervalMs = commitPollIntervalMs;
    }

    public MeterRegistry getMeterRegistry() {
        return meterRegistry;
    }

    public void setMeterRegistry(MeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
    }

    public String getSdk() {
        return sdk;
    }

    public void setSdk(String sdk) {
        IngestClientFactory.of(sdk);
        this.sdk = sdk;
    }

    public DataSource getWarehouse() {
        return warehouse;
    }

    public void setWarehouse(DataSource warehouse) {
        this.warehouse = warehouse;
    }

    public IngestClientFactory getClientFactory() {
        return clientFactory;
    }

    public void setClientFactory(IngestClientFactory clientFactory) {
        this.clientFactory = clientFactory;
    }
}
