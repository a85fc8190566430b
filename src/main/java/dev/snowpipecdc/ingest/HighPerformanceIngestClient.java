package dev.snowpipecdc.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import com.snowflake.ingest.streaming.ChannelStatus;
import com.snowflake.ingest.streaming.SFException;
import com.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import com.snowflake.ingest.streaming.SnowflakeStreamingIngestClient;
import com.snowflake.ingest.streaming.SnowflakeStreamingIngestClientFactory;
import dev.snowpipecdc.ingest.validation.RowValidator;
import dev.snowpipecdc.ingest.validation.TableColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IngestClient} over Snowflake's high-performance Snowpipe Streaming SDK
 * ({@code com.snowflake:snowpipe-streaming}).
 *
 * <p>That SDK's client belongs to one pipe: this client keeps one per table, on the table's default pipe
 * {@code <TABLE>-STREAMING}, and opens channels by name on it. Snowflake validates rows on the server: an append is
 * taken whole, and a row that does not fit the table is only counted in the channel's status (and kept in the table's
 * error table when it has ERROR_LOGGING). So, given the warehouse, this client checks rows against the table's columns
 * before it appends them ({@link RowValidator}, read again at each open): a row that would be refused is reported
 * like the classic SDK's refused rows, with its reason, to the component's dead letters, and the endpoint's ON_ERROR
 * applies to it. Rows the server refuses all the same are logged as an error when the commit poll sees them. A
 * channel that Snowflake invalidated (another writer reopened it) reports itself invalid and is reopened by the
 * component as with the classic SDK.
 */
public final class HighPerformanceIngestClient implements IngestClient {

    private static final Logger LOG = LoggerFactory.getLogger(HighPerformanceIngestClient.class);
    static final String DEFAULT_PIPE_SUFFIX = "-STREAMING";
    /**
     * On the embedded warehouse, a channel flushes after this many rows: SDK 1.1.2 sends a flush of more than about
     * 1 MB as a file to the pipe's cloud stage, which the embedded warehouse does not have (a RAW_CHANGES row is
     * about 0.5 KB of JSON). Against Snowflake the SDK flushes as it sees fit.
     */
    static final int EMBEDDED_FLUSH_ROWS = 1000;
    static final String EMBEDDED_ACCOUNT = "EMBEDDED";
    /**
     * SDK properties a user may set through the component's parameter overrides; the classic SDK's (such as
     * {@code max_client_lag}: here the pipe's MAX_CLIENT_LAG, 1 s by default, decides) mean nothing to this one and
     * are left out.
     */
    private static final Set<String> PROPERTIES = Set.of("mgmt_http_timeout_seconds",
            "data_http_timeout_seconds", "max_append_request_size_mb", "max_append_requests_to_buffer",
            "max_append_bytes_to_buffer", "max_outstanding_snowflake_requests",
            "max_append_request_buffer_duration_ms", "enable_rowset_compression", "enable_telemetry_reporting",
            "mem_throttle_threshold_percentage", "ignore_switch_to_file_mode", "target_rowset_payload_size_mb",
            "max_rowset_payload_size_mb", "channel_status_cache_refresh_interval_seconds");

    private final IngestSettings settings;
    /** Where the tables' columns are read to validate rows before sending them; none: Snowflake validates alone. */
    private final Optional<DataSource> warehouse;
    /** Rows after which each channel flushes and waits for it: only on the embedded warehouse (0: never). */
    private final int flushRows;
    /** The largest VARIANT, OBJECT or ARRAY value the rows' check lets through. */
    private final long maxSemiStructuredChars;
    /** One SDK client per pipe: "DB.SCHEMA.PIPE". */
    private final Map<String, SnowflakeStreamingIngestClient> clients = new ConcurrentHashMap<>();
    /** The open SDK channel of each channel id: the SDK refuses a second open of a name on one client. */
    private final Map<ChannelId, SnowflakeStreamingIngestChannel> open = new ConcurrentHashMap<>();

    private HighPerformanceIngestClient(IngestSettings settings, Optional<DataSource> warehouse) {
        this.settings = settings;
        this.warehouse = warehouse;
        boolean embedded = account(settings.url()).equals(EMBEDDED_ACCOUNT);
        this.flushRows = embedded ? EMBEDDED_FLUSH_ROWS : 0;
        // the architecture takes semi-structured values up to 128 MB; the embedded warehouse takes rows in the
        // append requests only, and those hold 16 MB
        this.maxSemiStructuredChars = embedded ? RowValidator.SEMI_STRUCTURED_16_MB
                : RowValidator.SEMI_STRUCTURED_128_MB;
        if (warehouse.isEmpty()) {
            LOG.warn("Snowpipe Streaming (high-performance) without a warehouse connection: rows are not checked"
                    + " before they are sent, and a row Snowflake refuses is only counted in its channel's status,"
                    + " not dead-lettered");
        }
    }

    /**
     * @param warehouse where the tables' columns are read ({@code INFORMATION_SCHEMA.COLUMNS}) to validate rows
     *                  before they are sent; empty: Snowflake validates them alone
     */
    public static HighPerformanceIngestClient connect(IngestSettings settings, Optional<DataSource> warehouse) {
        return new HighPerformanceIngestClient(settings, warehouse);
    }

    @Override
    public IngestChannel openChannel(ChannelId id, OnError onError) {
        if (onError != OnError.CONTINUE && warehouse.isEmpty()) {
            LOG.info("Channel {}: ON_ERROR {} needs rows validated before they are sent, which needs the warehouse"
                    + " connection; Snowflake continues past an invalid row, counting it in the channel's status",
                    id, onError);
        }
        SnowflakeStreamingIngestClient client = client(id);
        SnowflakeStreamingIngestChannel previous = open.remove(id);
        if (previous != null) {
            closeQuietly(id, previous);
        }
        try {
            SnowflakeStreamingIngestChannel channel = client.openChannel(id.channel()).getChannel();
            open.put(id, channel);
            Optional<RowValidator> validator = validator(id);
            return new Channel(id, channel, channel.getChannelStatus().getRowsErrorCount(), flushRows, validator,
                    onError);
        } catch (SFException e) {
            throw new IngestException("Cannot open channel " + id + " on pipe " + pipe(id) + ": "
                    + e.getErrorCodeName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The check of the channel's rows, from the table's columns as they are now (read at each open: a reopen sees a
     * table that changed meanwhile). Without it the rows still go, validated by Snowflake alone: a warehouse that
     * cannot be asked (no warehouse to run the query, a role that cannot see the table) must not stop the pipeline.
     */
    private Optional<RowValidator> validator(ChannelId id) {
        if (warehouse.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RowValidator(TableColumns.of(warehouse.get(), id), maxSemiStructuredChars));
        } catch (IngestException e) {
            LOG.warn("Channel {}: rows are sent without being checked first, so a row Snowflake refuses is only"
                    + " counted in the channel's status, not dead-lettered: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Map<ChannelId, Optional<String>> committedOffsetTokens(List<IngestChannel> channels) {
        Map<String, List<ChannelId>> byPipe = new HashMap<>();
        channels.forEach(c -> byPipe.computeIfAbsent(pipe(c.id()), p -> new ArrayList<>()).add(c.id()));
        Map<ChannelId, Optional<String>> tokens = new HashMap<>();
        byPipe.forEach((pipe, ids) -> {
            try {
                Map<String, String> byName = client(ids.get(0))
                        .getLatestCommittedOffsetTokens(ids.stream().map(ChannelId::channel).toList());
                ids.forEach(id -> tokens.put(id, Optional.ofNullable(byName.get(id.channel()))));
            } catch (SFException e) {
                throw new IngestException("Cannot read committed offset tokens on pipe " + pipe + ": "
                        + e.getMessage(), e);
            }
        });
        return tokens;
    }

    /**
     * Flushes every valid channel. A channel Snowflake invalidated is left alone: its buffer is lost to it, and the
     * component reopens it and sends again what it had not seen committed.
     */
    @Override
    public void flush() {
        open.forEach((id, channel) -> {
            if (channel.isClosed() || !valid(channel)) {
                return;
            }
            channel.initiateFlush();
            try {
                CommitWait.await(channel.waitForFlush(CommitWait.BOUND), "flush of channel " + id);
            } catch (IngestException e) {
                if (valid(channel)) {
                    throw e;
                }
                LOG.debug("Channel {} was invalidated during a flush: {}", id, e.getMessage());
            }
        });
    }

    /** False once Snowflake refused the channel's appends: the SDK then throws InvalidChannelError. */
    private static boolean valid(SnowflakeStreamingIngestChannel channel) {
        try {
            channel.getLatestCommittedOffsetToken();
            return true;
        } catch (SFException e) {
            return false;
        }
    }

    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        clients.values().forEach(client -> {
            try {
                client.close();
            } catch (Exception e) {
                failures.add(client.getPipeName() + ": " + e.getMessage());
            }
        });
        clients.clear();
        open.clear();
        if (!failures.isEmpty()) {
            throw new IngestException("Closing the Snowpipe Streaming (high-performance) clients failed: "
                    + String.join("; ", failures), null);
        }
    }

    /** The table's default pipe, which every table has. */
    static String pipe(ChannelId id) {
        return id.database() + "." + id.schema() + "." + id.table() + DEFAULT_PIPE_SUFFIX;
    }

    private SnowflakeStreamingIngestClient client(ChannelId id) {
        return clients.computeIfAbsent(pipe(id), pipe -> {
            try {
                return SnowflakeStreamingIngestClientFactory.builder(settings.clientName() + "-" + id.table(),
                        id.database(), id.schema(), id.table() + DEFAULT_PIPE_SUFFIX).setProperties(properties())
                        .build();
            } catch (SFException e) {
                throw new IngestException("Cannot start the Snowpipe Streaming (high-performance) client for pipe "
                        + pipe + " at " + settings.url() + " as " + settings.user() + ": " + e.getErrorCodeName()
                        + ": " + e.getMessage(), e);
            }
        });
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put("account", account(settings.url()));
        props.put("url", settings.url());
        props.put("user", settings.user());
        settings.role().ifPresent(role -> props.put("role", role));
        props.put("private_key", settings.privateKeyPem());
        settings.privateKeyPassphrase().ifPresent(p -> props.put("private_key_passphrase", p));
        // rows travel in the requests even when the service asks for files (SWITCH_TO_FILE_MODE): the embedded
        // warehouse has no cloud stage (a flush over ~1 MB still goes as a file: see EMBEDDED_FLUSH_ROWS)
        props.put("ignore_switch_to_file_mode", "true");
        // the committed token is read from a status cache: refreshed every second, a commit is seen within one
        props.put("channel_status_cache_refresh_interval_seconds", "1");
        settings.parameterOverrides().forEach((key, value) -> {
            if (PROPERTIES.contains(key)) {
                props.put(key, String.valueOf(value));
            }
        });
        return props;
    }

    /**
     * The account identifier the SDK signs its token for: the first label of the account URL's host
     * ({@code myorg-myaccount} of {@code https://myorg-myaccount.snowflakecomputing.com}); an IP address (the
     * embedded warehouse) has none, and any name does there.
     */
    static String account(String url) {
        String host = URI.create(url).getHost();
        if (host == null || host.matches("[0-9.]+")) {
            return EMBEDDED_ACCOUNT;
        }
        return host.split("\\.")[0].toUpperCase(Locale.ROOT);
    }

    private static void closeQuietly(ChannelId id, SnowflakeStreamingIngestChannel channel) {
        try {
            if (!channel.isClosed()) {
                channel.close(false, Duration.ofSeconds(5));
            }
        } catch (Exception e) {
            LOG.debug("Closing the previous instance of channel {} before reopening it: {}", id, e.getMessage());
        }
    }


    private static final class Channel implements IngestChannel {
        private final ChannelId id;
        private final SnowflakeStreamingIngestChannel sdk;
        /** The channel's error count as last logged (at first, as it was when this instance opened). */
        private long errorsSeen;
        /** The end offset token of the last batch appended: what close waits to see committed. */
        private volatile String lastEndToken;
        /** Rows after which the channel flushes and waits for it (0: never). */
        private final int flushRows;
        private int rowsSinceFlush;
        private final Optional<RowValidator> validator;
        private final OnError onError;

        Channel(ChannelId id, SnowflakeStreamingIngestChannel sdk, long errorsAtOpen, int flushRows,
                Optional<RowValidator> validator, OnError onError) {
            this.id = id;
            this.sdk = sdk;
            this.flushRows = flushRows;
            this.errorsSeen = errorsAtOpen;
            this.validator = validator;
            this.onError = onError;
        }

        @Override
        public ChannelId id() {
            return id;
        }

        @Override
        public InsertOutcome insert(List<Map<String, Object>> rows, String startOffsetToken, String endOffsetToken) {
            if (rows.isEmpty()) {
                return InsertOutcome.nothingToSend();
            }
            List<RejectedRow> rejected = validator.map(v -> v.validate(rows)).orElse(List.of());
            if (!rejected.isEmpty() && onError != OnError.CONTINUE) {
                // SKIP_BATCH: nothing of the batch, every invalid row named; ABORT: nothing, from the first one on
                return new InsertOutcome(0, onError == OnError.ABORT ? rejected.subList(0, 1) : rejected, true);
            }
            List<Map<String, Object>> valid = rejected.isEmpty() ? rows : RejectedRow.others(rows, rejected);
            if (valid.isEmpty()) {
                return new InsertOutcome(0, rejected, false);
            }
            append(valid, startOffsetToken, endOffsetToken);
            return new InsertOutcome(valid.size(), rejected, false);
        }

        private void append(List<Map<String, Object>> rows, String startOffsetToken, String endOffsetToken) {
            try {
                sdk.appendRows(rows, startOffsetToken, endOffsetToken);
                lastEndToken = endOffsetToken;
                rowsSinceFlush += rows.size();
                if (flushRows > 0 && rowsSinceFlush >= flushRows) {
                    rowsSinceFlush = 0;
                    sdk.initiateFlush();
                    CommitWait.await(sdk.waitForFlush(CommitWait.BOUND), "flush of channel " + id);
                }
            } catch (SFException e) {
                throw new IngestException("Append to channel " + id + " failed (" + e.getErrorCodeName() + "): "
                        + e.getMessage(), e);
            }
        }

        /**
         * The committed token, from the channel's status (the SDK refreshes it about every second); rows Snowflake
         * refused since the last look are logged as an error: they are in neither the table nor the dead letters.
         */
        @Override
        public Optional<String> committedOffsetToken() {
            try {
                ChannelStatus status = sdk.getChannelStatus();
                if (status.getRowsErrorCount() > errorsSeen) {
                    LOG.error("Channel {}: Snowflake refused {} rows that the check before sending did not catch"
                            + " (or that were not checked) (the last at or before offset token {}): {}. They are not"
                            + " in the table and not in the dead letters; with ERROR_LOGGING = TRUE on the table,"
                            + " SELECT * FROM ERROR_TABLE(<table>) holds them", id,
                            status.getRowsErrorCount() - errorsSeen, status.getLastErrorOffsetTokenUpperBound(),
                            status.getLastErrorMessage());
                    errorsSeen = status.getRowsErrorCount();
                }
                return Optional.ofNullable(status.getLatestCommittedOffsetToken());
            } catch (SFException e) {
                throw new IngestException("Cannot read the committed offset token of channel " + id + " ("
                        + e.getErrorCodeName() + "): " + e.getMessage(), e);
            }
        }

        /** Valid until Snowflake refused its appends or it was closed. */
        @Override
        public boolean isValid() {
            return !sdk.isClosed() && valid(sdk);
        }

        @Override
        public void close() {
            String awaited = lastEndToken;
            if (awaited != null) {
                CommitWait.await(sdk.waitForCommit(awaited::equals, CommitWait.BOUND), "commit of channel " + id
                        + " up to " + awaited);
            }
            try {
                sdk.close(true, CommitWait.BOUND);
            } catch (TimeoutException e) {
                throw new IngestException("closing channel " + id + ": not committed within " + CommitWait.BOUND, e);
            } catch (SFException e) {
                throw new IngestException("closing channel " + id + " failed (" + e.getErrorCodeName() + "): "
                        + e.getMessage(), e);
            }
        }
    }
}
