package dev.snowpipecdc.emulator.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snowpipecdc.emulator.ingest.ChannelStore.ChannelKey;
import dev.snowpipecdc.emulator.ingest.ChannelStore.ChannelState;
import dev.snowpipecdc.emulator.ingest.TableCatalog.TableShape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Snowpipe Streaming service calls the classic ingest SDK makes (client configure, channel open / status / drop,
 * blob registration), answered from DuckDB. One lock serialises them: registration is what loads rows, and a
 * channel's state must not change between the ownership check and the commit.
 */
public final class StreamingIngestService {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingIngestService.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Constant for the life of a data directory: the SDK closes a client whose deployment id changes. */
    private static final long DEPLOYMENT_ID = 1L;
    private static final long ENCRYPTION_KEY_ID = 1L;

    private final Connection duck;
    private final Path stageDir;
    /** What the SDK uploaded: the sizes of the blobs registered (Parquet, encrypted, padded), for benchmarks. */
    private final AtomicLong registeredBlobBytes = new AtomicLong();
    private final String encryptionKeyBase64;
    private final TableCatalog catalog;
    private final ChannelStore channels;
    private final ChunkLoader loader;
    private final ChunkDecryptor decryptor;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param duck a connection of its own: the service runs its transactions on it
     * @param stageDir where the SDK writes blobs (announced as a {@code LOCAL_FS} stage)
     * @param encryptionKeyBase64 256-bit key handed to every channel, stable for the data directory
     */
    public StreamingIngestService(Connection duck, Path stageDir, String encryptionKeyBase64) {
        this.duck = duck;
        this.stageDir = stageDir;
        this.encryptionKeyBase64 = encryptionKeyBase64;
        this.catalog = new TableCatalog(duck);
        this.channels = new ChannelStore(duck);
        this.loader = new ChunkLoader(duck, stageDir);
        this.decryptor = new ChunkDecryptor(encryptionKeyBase64);
    }

    /** The DDL (statements separated by ";\n") of the channel state table of one database. */
    public static String channelStateDdl(String database) {
        return ChannelStore.ddl(database);
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

    public ObjectNode configureClient(JsonNode request) {
        ObjectNode stage = JSON.objectNode();
        stage.put("locationType", "LOCAL_FS");
        stage.put("location", stageDir.toAbsolutePath().toString());
        stage.put("path", "");
        stage.putObject("creds");
        stage.putNull("region");
        stage.putNull("endPoint");
        stage.putNull("storageAccount");
        stage.putNull("presignedUrl");
        stage.put("isClientSideEncrypted", true);
        stage.put("useS3RegionalUrl", false);
        stage.putNull("volumeHash");
        ObjectNode response = ok();
        response.put("prefix", "emulator");
        response.put("deployment_id", DEPLOYMENT_ID);
        response.set("stage_location", stage);
        return response;
    }

    public ObjectNode openChannel(JsonNode request) throws SQLException {
        ChannelKey key = new ChannelKey(Identifiers.resolve(text(request, "database")),
                Identifiers.resolve(text(request, "schema")), Identifiers.resolve(text(request, "table")),
                Identifiers.resolve(text(request, "channel")));
        lock.lock();
        try {
            Optional<IngestStatus> missing = missingObject(key);
            if (missing.isPresent()) {
                return status(missing.get(), missing.get().message + ": " + qualifiedTable(key));
            }
            TableShape shape = catalog.describe(key.database(), key.schema(), key.table());
            if (!shape.problems().isEmpty()) {
                return status(IngestStatus.TABLE_OR_COLUMN_TYPE_NOT_SUPPORTED, qualifiedTable(key) + ": "
                        + String.join("; ", shape.problems()));
            }
            Optional<String> token = request.hasNonNull("offset_token")
                    ? Optional.of(request.get("offset_token").asText()) : Optional.empty();
            ChannelState state = channels.open(key, token);
            LOG.debug("Opened channel {} on {} with client sequencer {}", key.channel(), qualifiedTable(key),
                    state.clientSequencer());
            ObjectNode response = ok();
            response.put("database", key.database());
            response.put("schema", key.schema());
            response.put("table", key.table());
            response.put("channel", key.channel());
            response.put("client_sequencer", state.clientSequencer());
            response.put("row_sequencer", state.rowSequencer());
            response.put("offset_token", state.offsetToken());
            ArrayNode columns = response.putArray("table_columns");
            shape.columns().forEach(c -> columns.add(c.toJson()));
            response.put("encryption_key", encryptionKeyBase64);
            response.put("encryption_key_id", ENCRYPTION_KEY_ID);
            return response;
        } finally {
            lock.unlock();
        }
    }

    public ObjectNode channelStatus(JsonNode request) throws SQLException {
        ObjectNode response = ok();
        ArrayNode statuses = response.putArray("channels");
        lock.lock();
        try {
            for (JsonNode channel : request.path("channels")) {
                // channels echo the resolved names the open response gave them
                ChannelKey key = new ChannelKey(text(channel, "database"), text(channel, "schema"),
                        text(channel, "table"), text(channel, "channel_name"));
                Optional<ChannelState> state = channels.find(key);
                ObjectNode status = statuses.addObject();
                if (state.isEmpty()) {
                    status.put("status_code", IngestStatus.CHANNEL_DOES_NOT_EXIST.code);
                } else if (channel.hasNonNull("client_sequencer")
                        && channel.get("client_sequencer").asLong() != state.get().clientSequencer()) {
                    status.put("status_code", IngestStatus.CHANNEL_HAS_INVALID_CLIENT_SEQUENCER.code);
                } else {
                    status.put("status_code", IngestStatus.SUCCESS.code);
                    status.put("persisted_row_sequencer", state.get().rowSequencer());
                    status.put("persisted_client_sequencer", state.get().clientSequencer());
                    status.put("persisted_offset_token", state.get().offsetToken());
                }
            }
        } finally {
            lock.unlock();
        }
        return response;
    }

    public ObjectNode dropChannel(JsonNode request) throws SQLException {
        ChannelKey key = new ChannelKey(Identifiers.resolve(text(request, "database")),
                Identifiers.resolve(text(request, "schema")), Identifiers.resolve(text(request, "table")),
                Identifiers.resolve(text(request, "channel")));
        lock.lock();
        try {
            if (missingObject(key).isEmpty()) {
                channels.drop(key, request.hasNonNull("client_sequencer")
                        ? Optional.of(request.get("client_sequencer").asLong()) : Optional.empty());
            }
        } finally {
            lock.unlock();
        }
        ObjectNode response = ok();
        response.put("database", key.database());
        response.put("schema", key.schema());
        response.put("table", key.table());
        response.put("channel", key.channel());
        return response;
    }

    /** Bytes of all blobs registered since the start: what the SDK sent over the wire for its rows. */
    public long registeredBlobBytes() {
        return registeredBlobBytes.get();
    }

    /**
     * Registers blobs: each chunk's rows are loaded into its table and its channels' row sequencers and offset
     * tokens advance, in one DuckDB transaction per chunk. A chunk with a stale channel is refused as a whole,
     * since a chunk does not say which of its rows belong to which channel.
     */
    public ObjectNode registerBlobs(JsonNode request) throws SQLException, IOException {
        ObjectNode response = ok();
        ArrayNode blobResults = response.putArray("blobs");
        lock.lock();
        try {
            for (JsonNode blob : request.path("blobs")) {
                Path blobFile = blobFile(text(blob, "path"));
                BlobBytes bytes = new BlobBytes(blobFile);
                ArrayNode chunkResults = blobResults.addObject().putArray("chunks");
                for (JsonNode chunk : blob.path("chunks")) {
                    chunkResults.add(registerChunk(text(blob, "path"), bytes, chunk));
                }
                // the rows now live in DuckDB (or were refused and will be sent again after a reopen)
                if (Files.exists(blobFile)) {
                    registeredBlobBytes.addAndGet(Files.size(blobFile));
                }
                Files.deleteIfExists(blobFile);
            }
        } finally {
            lock.unlock();
        }
        return response;
    }

    /** The blob's file under the stage; a path that leads anywhere else is refused. */
    private Path blobFile(String path) {
        Path stage = stageDir.toAbsolutePath().normalize();
        Path file = stage.resolve(path).normalize();
        if (!file.startsWith(stage) || file.equals(stage) || !path.endsWith(".bdec")) {
            throw new IllegalArgumentException("Malformed request: blob path " + path + " is not a .bdec file"
                    + " under the stage");
        }
        return file;
    }

    /** A blob's content, read only when a chunk of it is to be loaded. */
    private static final class BlobBytes {
        private final Path file;
        private byte[] bytes;

        BlobBytes(Path file) {
            this.file = file;
        }

        byte[] get() {
            if (bytes == null) {
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read blob " + file, e);
                }
            }
            return bytes;
        }
    }

    private ObjectNode registerChunk(String blobPath, BlobBytes blob, JsonNode chunk) throws SQLException {
        // chunks carry the resolved names the channels got when they opened
        String database = text(chunk, "database");
        String schema = text(chunk, "schema");
        String table = text(chunk, "table");
        ObjectNode result = JSON.objectNode();
        result.put("database", database);
        result.put("schema", schema);
        result.put("table", table);
        ArrayNode channelResults = result.putArray("channels");

        List<ChannelInChunk> members = new ArrayList<>();
        for (JsonNode c : chunk.path("channels")) {
            ChannelKey key = new ChannelKey(database, schema, table, text(c, "channel_name"));
            members.add(new ChannelInChunk(key, c.path("client_sequencer").asLong(), c.path("row_sequencer").asLong(),
                    c.hasNonNull("end_offset_token") ? c.get("end_offset_token").asText()
                            : c.path("offset_token").asText(null), channels.find(key)));
        }
        ChunkVerdict verdict = judge(members);
        if (verdict == ChunkVerdict.LOAD) {
            Optional<String> failure = loadAtomically(blobPath, blob, chunk, members);
            if (failure.isPresent()) {
                members.forEach(m -> channelResults.add(channelResult(m, IngestStatus.OTHER_CHANNEL_IN_CHUNK_HAS_ISSUE,
                        failure.get())));
                return result;
            }
        }
        for (ChannelInChunk m : members) {
            IngestStatus status = switch (verdict) {
                case LOAD, ALREADY_LOADED -> IngestStatus.SUCCESS;
                case REFUSED -> m.stale() ? IngestStatus.CHANNEL_HAS_INVALID_CLIENT_SEQUENCER
                        : m.alreadyCommitted() ? IngestStatus.CHANNEL_HAS_INVALID_ROW_SEQUENCER
                        : IngestStatus.OTHER_CHANNEL_IN_CHUNK_HAS_ISSUE;
            };
            channelResults.add(channelResult(m, status, status.message));
        }
        return result;
    }

    private enum ChunkVerdict { LOAD, ALREADY_LOADED, REFUSED }

    private static ChunkVerdict judge(List<ChannelInChunk> members) {
        if (members.stream().anyMatch(ChannelInChunk::stale)) {
            return ChunkVerdict.REFUSED;
        }
        // the SDK re-sends a registration whose response it did not get; the first one already committed
        if (members.stream().allMatch(ChannelInChunk::alreadyCommitted)) {
            return ChunkVerdict.ALREADY_LOADED;
        }
        return members.stream().anyMatch(ChannelInChunk::alreadyCommitted) ? ChunkVerdict.REFUSED
                : ChunkVerdict.LOAD;
    }

    private Optional<String> loadAtomically(String blobPath, BlobBytes blob, JsonNode chunk,
                                            List<ChannelInChunk> members)
            throws SQLException {
        ChannelKey first = members.get(0).key();
        boolean autoCommit = duck.getAutoCommit();
        duck.setAutoCommit(false);
        try {
            byte[] parquet = decryptor.decrypt(blob.get(), blobPath, chunk.path("chunk_start_offset").asLong(),
                    chunk.path("chunk_length").asInt());
            TableShape shape = catalog.describe(first.database(), first.schema(), first.table());
            long expectedRows = chunk.path("eps").path("rows").asLong(-1);
            long loaded = loader.load(first.database(), first.schema(), first.table(), shape.columns(), parquet);
            if (expectedRows >= 0 && loaded != expectedRows) {
                throw new IllegalStateException("Chunk of blob " + blobPath + " holds " + loaded
                        + " rows but its metadata says " + expectedRows);
            }
            for (ChannelInChunk m : members) {
                channels.commit(m.key(), m.rowSequencer(), m.endOffsetToken());
            }
            duck.commit();
            LOG.debug("Loaded {} rows into {} from blob {}", loaded, qualifiedTable(first), blobPath);
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            duck.rollback();
            LOG.error("Refused chunk of blob {} for table {}: {}", blobPath, qualifiedTable(first), e.getMessage());
            return Optional.of("Chunk refused by the embedded warehouse: " + e.getMessage());
        } finally {
            duck.setAutoCommit(autoCommit);
        }
    }

    private record ChannelInChunk(ChannelKey key, long clientSequencer, long rowSequencer, String endOffsetToken,
                                  Optional<ChannelState> persisted) {
        boolean stale() {
            return persisted.isEmpty() || persisted.get().clientSequencer() != clientSequencer;
        }

        boolean alreadyCommitted() {
            return persisted.isPresent() && rowSequencer <= persisted.get().rowSequencer();
        }
    }

    private static ObjectNode channelResult(ChannelInChunk m, IngestStatus status, String message) {
        ObjectNode node = JSON.objectNode();
        node.put("channel", m.key().channel());
        node.put("client_sequencer", m.clientSequencer());
        node.put("status_code", status.code);
        node.put("message", message);
        return node;
    }

    private Optional<IngestStatus> missingObject(ChannelKey key) throws SQLException {
        if (!catalog.databaseExists(key.database())) {
            return Optional.of(IngestStatus.DATABASE_DOES_NOT_EXIST);
        }
        if (!catalog.schemaExists(key.database(), key.schema())) {
            return Optional.of(IngestStatus.SCHEMA_DOES_NOT_EXIST);
        }
        if (!catalog.tableExists(key.database(), key.schema(), key.table())) {
            return Optional.of(IngestStatus.TABLE_DOES_NOT_EXIST);
        }
        return Optional.empty();
    }

    private static String qualifiedTable(ChannelKey key) {
        return key.database() + "." + key.schema() + "." + key.table();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Malformed request: missing " + field);
        }
        return value.asText();
    }

    private static ObjectNode ok() {
        return status(IngestStatus.SUCCESS, IngestStatus.SUCCESS.message);
    }

    private static ObjectNode status(IngestStatus status, String message) {
        ObjectNode node = JSON.objectNode();
        node.put("status_code", status.code);
        node.put("message", message);
        return node;
    }
}
