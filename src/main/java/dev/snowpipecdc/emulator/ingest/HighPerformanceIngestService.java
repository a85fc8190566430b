package dev.snowpipecdc.emulator.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snowpipecdc.emulator.ingest.PipeChannels.PipeChannelKey;
import dev.snowpipecdc.emulator.ingest.PipeChannels.PipeChannelState;
import dev.snowpipecdc.emulator.ingest.RowsetLoader.Loaded;
import dev.snowpipecdc.emulator.ingest.TableCatalog.TableShape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snowpipe Streaming's high-performance architecture, as {@code com.snowflake:snowpipe-streaming} speaks it
 * (research/hp-sdk-protocol.md): the scoped token, the pipe's information, channels opened on a pipe with a
 * continuation token, appends of rows, channel status in bulk, and dropping a channel.
 *
 * <p>Every table has its default pipe {@code <TABLE>-STREAMING}, as Snowflake gives it since 2025-12; no other
 * pipe streams here. An append is loaded when it arrives, its rows and the channel's new offset token and counts in
 * one DuckDB transaction, so the committed offset token never runs ahead of the rows. A reopen makes the previous
 * owner's continuation token stale; a repeated append (the same token once more, as after a lost response) is taken
 * once. Rows that do not fit the table are counted in the channel's status with the last error, as Snowflake
 * validates on the server.
 */
public final class HighPerformanceIngestService {

    private static final Logger LOG = LoggerFactory.getLogger(HighPerformanceIngestService.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String DEFAULT_PIPE_SUFFIX = "-STREAMING";

    /** A reply: the HTTP status and a JSON body, or a text one (the SDK reads the host name and token as text). */
    public record Reply(int status, String contentType, byte[] body) {
        static Reply json(int status, JsonNode body) {
            return new Reply(status, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Reply text(String body) {
            return new Reply(200, "text/plain", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A refusal in Snowflake's shape for this API: the HTTP status, and a code and message in the body. */
    static final class Refused extends Exception {
        final int status;
        final String code;

        Refused(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        Reply reply() {
            ObjectNode body = JSON.objectNode();
            body.put("code", code);
            body.put("message", getMessage());
            return Reply.json(status, body);
        }
    }

    private final Connection duck;
    private final TableCatalog catalog;
    private final PipeChannels channels;
    private final RowsetLoader loader;
    private final String pipeKeyBase64;
    private final ReentrantLock lock = new ReentrantLock();
    /** What the SDK sent as rows: the append bodies as they arrived (compressed or not), for benchmarks. */
    private final AtomicLong appendedBytes = new AtomicLong();

    public HighPerformanceIngestService(Connection duck, Path stageDir) {
        this.duck = duck;
        this.catalog = new TableCatalog(duck);
        this.channels = new PipeChannels(duck);
        this.loader = new RowsetLoader(duck, stageDir);
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        this.pipeKeyBase64 = Base64.getEncoder().encodeToString(key);
    }

    /** The DDL (statements separated by ";\n") of the pipe channels' state table of one database. */
    public static String channelStateDdl(String database) {
        return PipeChannels.ddl(database);
    }

    /** The host the SDK is to send data to: this one (it keeps the scheme and port of its URL). */
    public Reply hostname() {
        return Reply.text("127.0.0.1");
    }

    /**
     * A scoped token for the key-pair JWT the SDK signed. Not checked: the emulator has no users. The SDK decodes the
     * token for its expiry (not its signature), so it is a JWT valid for an hour, signed with a key no one keeps.
     */
    public Reply scopedToken() {
        long now = System.currentTimeMillis() / 1000;
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"embedded-warehouse\",\"iat\":" + now + ",\"exp\":"
                + (now + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        String signature = b64.encodeToString(pipeKeyBase64.getBytes(StandardCharsets.UTF_8));
        return Reply.text(header + "." + payload + "." + signature);
    }

    /**
     * The pipe's information. The SDK requires a cloud stage in it although rows travel in the requests' bodies; the
     * stage named here is never used (the pipeline's client keeps its flushes small enough not to go as files).
     */
    public Reply pipeInfo(String database, String schema, String pipe) throws SQLException, Refused {
        table(database, schema, pipe);
        ObjectNode body = JSON.objectNode();
        ObjectNode stage = body.putObject("stage_location");
        stage.put("expiry_time_ms", Long.MAX_VALUE / 2);
        stage.put("location_type", "S3");
        stage.put("location", "embedded-warehouse/unused/");
        stage.put("use_s3_regional_url", false);
        stage.put("region", "local");
        stage.putNull("storage_account");
        stage.put("bucket_name", "embedded-warehouse");
        stage.put("path_prefix", "unused/");
        ObjectNode creds = stage.putObject("creds");
        creds.put("AWS_KEY_ID", "unused");
        creds.put("AWS_SECRET_KEY", "unused");
        creds.put("AWS_TOKEN", "unused");
        ObjectNode parameters = stage.putObject("parameters");
        parameters.put("max_client_lag_seconds", 1);
        parameters.put("rowset_flush_threshold_kb", 1024);
        parameters.put("max_buffered_kb_for_rowset_mode", 4096);
        parameters.put("rowset_threshold_lookback_seconds", 60);
        parameters.put("rowset_threshold_ewma_weight", 50);
        parameters.put("target_file_size_compressed_mb", 16);
        parameters.put("cpu_throttle_high_watermark_percent", 95);
        parameters.put("cpu_throttle_low_watermark_percent", 80);
        parameters.put("mem_throttle_high_watermark_percent", 95);
        parameters.put("mem_throttle_low_watermark_percent", 80);
        ObjectNode encryption = body.putObject("encryption_info");
        encryption.put("pipe_key", pipeKeyBase64);
        encryption.put("pipe_key_id", 1);
        encryption.put("diversifier", "embedded-warehouse");
        return Reply.json(200, body);
    }

    /** Opens or reopens a channel on the pipe; the previous owner's continuation token is stale from now on. */
    public Reply openChannel(String database, String schema, String pipe, String channel, JsonNode request)
            throws SQLException, Refused {
        lock.lock();
        try {
            // a table Snowpipe Streaming cannot write is refused at open, as Snowflake does
            shape(database, schema, table(database, schema, pipe));
            PipeChannelKey key = new PipeChannelKey(database, schema, pipe, channel);
            Optional<String> token = request.hasNonNull("offset_token")
                    ? Optional.of(request.get("offset_token").asText()) : Optional.empty();
            PipeChannelState state = channels.open(key, token, System.currentTimeMillis());
            LOG.debug("Opened channel {} on pipe {}.{}.{}, generation {}", channel, database, schema, pipe,
                    state.generation());
            ObjectNode body = JSON.objectNode();
            body.put("next_continuation_token", state.continuationToken());
            body.set("channel_status", status(key, state));
            return Reply.json(200, body);
        } finally {
            lock.unlock();
        }
    }

    /**
     * An append: its rows into the pipe's table and the channel's offset token, in one transaction. A stale
     * continuation token (the channel was reopened since) is refused, and the rows are not loaded.
     */
    public Reply appendRows(String database, String schema, String pipe, String channel, String offsetToken,
                            String continuationToken, String contentEncoding, byte[] body)
            throws SQLException, Refused {
        lock.lock();
        try {
            String table = table(database, schema, pipe);
            TableShape shape = shape(database, schema, table);
            PipeChannelKey key = new PipeChannelKey(database, schema, pipe, channel);
            PipeChannelState state = channels.find(key).orElseThrow(() -> new Refused(404,
                    "ERR_CHANNEL_DOES_NOT_EXIST_OR_IS_NOT_AUTHORIZED", "Channel " + channel + " on pipe " + pipe
                    + " does not exist (dropped?): open it again"));
            long[] position = position(continuationToken);
            if (position[0] != state.generation()) {
                throw new Refused(400, "STALE_CONTINUATION_TOKEN_SEQUENCER", "Channel sequencer in the continuation"
                        + " token is stale. Please reopen the channel");
            }
            if (position[1] == state.appends() - 1) {
                // the same append again, after its response was lost: taken once
                return continued(state);
            }
            if (position[1] != state.appends()) {
                throw new Refused(400, "STALE_CONTINUATION_TOKEN_SEQUENCER", "Continuation token "
                        + continuationToken + " of channel " + channel + " is out of order; reopen the channel");
            }
            PipeChannelState next = loadAtomically(key, table, shape, state, offsetToken, contentEncoding, body);
            appendedBytes.addAndGet(body.length);
            return continued(next);
        } finally {
            lock.unlock();
        }
    }

    /** The status of several channels of one pipe; a channel that does not exist is left out. */
    public Reply channelStatuses(String database, String schema, String pipe, JsonNode request)
            throws SQLException, Refused {
        lock.lock();
        try {
            table(database, schema, pipe);
            ObjectNode body = JSON.objectNode();
            ObjectNode statuses = body.putObject("channel_statuses");
            for (JsonNode name : request.path("channel_names")) {
                PipeChannelKey key = new PipeChannelKey(database, schema, pipe, Identifiers.resolve(name.asText()));
                channels.find(key).ifPresent(state -> statuses.set(name.asText(), status(key, state)));
            }
            return Reply.json(200, body);
        } finally {
            lock.unlock();
        }
    }

    /** Drops a channel, answering with its last committed offset token. */
    public Reply dropChannel(String database, String schema, String pipe, String channel)
            throws SQLException, Refused {
        lock.lock();
        try {
            table(database, schema, pipe);
            PipeChannelKey key = new PipeChannelKey(database, schema, pipe, channel);
            Optional<PipeChannelState> state = channels.find(key);
            channels.drop(key);
            ObjectNode body = JSON.objectNode();
            body.put("last_committed_offset_token", state.map(PipeChannelState::offsetToken).orElse(null));
            return Reply.json(200, body);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of all append bodies since the start: what the SDK sent over the wire for its rows. */
    public long appendedBytes() {
        return appendedBytes.get();
    }

    /** Closes the service's DuckDB connection once no request is using it. */
    public void close() throws SQLException {
        lock.lock();
        try {
            duck.close();
        } finally {
            lock.unlock();
        }
    }

    private PipeChannelState loadAtomically(PipeChannelKey key, String table, TableShape shape,
                                            PipeChannelState state, String offsetToken, String contentEncoding,
                                            byte[] body) throws SQLException {
        boolean autoCommit = duck.getAutoCommit();
        duck.setAutoCommit(false);
        try {
            Loaded loaded = loader.load(key.database(), key.schema(), table, shape.columns(), body, contentEncoding);
            boolean failed = loaded.errors() > 0;
            PipeChannelState next = new PipeChannelState(state.generation(), state.appends() + 1,
                    offsetToken == null ? state.offsetToken() : offsetToken,
                    state.rowsInserted() + loaded.inserted(), state.rowsParsed() + loaded.parsed(),
                    state.rowsErrorCount() + loaded.errors(),
                    failed ? offsetToken : state.lastErrorOffsetUpperBound(),
                    failed ? loaded.firstError() : state.lastErrorMessage(),
                    failed ? Long.valueOf(System.currentTimeMillis()) : state.lastErrorTimestampMs(),
                    state.createdOnMs());
            channels.update(key, next);
            duck.commit();
            if (failed) {
                LOG.warn("Channel {} on pipe {}: {} of {} rows refused; first: {}", key.channel(), key.pipe(),
                        loaded.errors(), loaded.parsed(), loaded.firstError());
            }
            return next;
        } catch (SQLException | RuntimeException e) {
            duck.rollback();
            throw e;
        } finally {
            duck.setAutoCommit(autoCommit);
        }
    }

    private static Reply continued(PipeChannelState state) {
        ObjectNode body = JSON.objectNode();
        body.put("next_continuation_token", state.continuationToken());
        return Reply.json(200, body);
    }

    private static long[] position(String continuationToken) throws Refused {
        String[] parts = continuationToken == null ? new String[0] : continuationToken.split("_");
        try {
            if (parts.length == 2) {
                return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw new Refused(400, "INVALID_CONTINUATION_TOKEN", "Malformed continuation token " + continuationToken);
    }

    /** The table's columns; a table Snowpipe Streaming cannot write is refused. */
    private TableShape shape(String database, String schema, String table) throws SQLException, Refused {
        TableShape shape = catalog.describe(database, schema, table);
        if (!shape.problems().isEmpty()) {
            throw new Refused(400, "ERR_TABLE_TYPE_NOT_SUPPORTED", database + "." + schema + "." + table + ": "
                    + String.join("; ", shape.problems()));
        }
        return shape;
    }

    /** The table of a default pipe, {@code <TABLE>-STREAMING}. */
    private String table(String database, String schema, String pipe) throws SQLException, Refused {
        if (!catalog.databaseExists(database)) {
            throw new Refused(404, "ERR_DATABASE_DOES_NOT_EXIST_OR_NOT_AUTHORIZED", "Database " + database
                    + " does not exist or is not authorized");
        }
        if (!catalog.schemaExists(database, schema)) {
            throw new Refused(404, "ERR_SCHEMA_DOES_NOT_EXIST_OR_NOT_AUTHORIZED", "Schema " + database + "."
                    + schema + " does not exist or is not authorized");
        }
        String table = pipe.endsWith(DEFAULT_PIPE_SUFFIX)
                ? pipe.substring(0, pipe.length() - DEFAULT_PIPE_SUFFIX.length()) : null;
        if (table == null || !catalog.tableExists(database, schema, table)) {
            throw new Refused(404, "ERR_PIPE_DOES_NOT_EXIST_OR_NOT_AUTHORIZED", "Pipe " + database + "." + schema
                    + "." + pipe + " does not exist or is not authorized (the embedded warehouse streams through"
                    + " each table's default pipe, <TABLE>" + DEFAULT_PIPE_SUFFIX + ")");
        }
        return table;
    }

    private static ObjectNode status(PipeChannelKey key, PipeChannelState state) {
        ObjectNode status = JSON.objectNode();
        status.put("database_name", key.database());
        status.put("schema_name", key.schema());
        status.put("pipe_name", key.pipe());
        status.put("channel_name", key.channel());
        status.put("channel_status_code", "SUCCESS");
        status.put("last_committed_offset_token", state.offsetToken());
        status.put("created_on_ms", state.createdOnMs());
        status.put("rows_inserted", state.rowsInserted());
        status.put("rows_parsed", state.rowsParsed());
        // SDK 1.1.2 reads rows_error_count and last_error_timestamp_ms; Snowflake's REST documentation names them
        // rows_errors and last_error_timestamp: both are sent
        status.put("rows_error_count", state.rowsErrorCount());
        status.put("rows_errors", state.rowsErrorCount());
        status.put("last_error_offset_upper_bound", state.lastErrorOffsetUpperBound());
        status.put("last_error_message", state.lastErrorMessage());
        for (String field : new String[] {"last_error_timestamp_ms", "last_error_timestamp"}) {
            if (state.lastErrorTimestampMs() == null) {
                status.putNull(field);
            } else {
                status.put(field, state.lastErrorTimestampMs());
            }
        }
        // rows are loaded as they arrive
        status.put("snowflake_avg_processing_latency_ms", 0);
        return status;
    }
}
