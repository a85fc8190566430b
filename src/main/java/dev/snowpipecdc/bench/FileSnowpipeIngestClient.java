package dev.snowpipecdc.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.IngestChannel;
import dev.snowpipecdc.ingest.IngestClient;
import dev.snowpipecdc.ingest.IngestException;
import dev.snowpipecdc.ingest.InsertOutcome;
import dev.snowpipecdc.ingest.OnError;

/**
 * File-based Snowpipe as it works: each batch a file of newline-delimited JSON, PUT to an internal stage (gzip, as
 * the drivers do), and a pipe per table that loads what is staged every {@code pipeInterval} ({@code ALTER PIPE
 * ... REFRESH}, standing in for Snowpipe's REST call or cloud notification). A batch is committed once the pipe has
 * loaded its file: a channel's committed token is the end token of its last file staged before a load. A
 * benchmark path, not a sink to run: the committed tokens are kept in memory, so a restart would stage a batch
 * again (the pipe's load metadata skips a file only under the same name).
 */
final class FileSnowpipeIngestClient implements IngestClient {

    static final String STAGE = "BENCH_FILES";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** A staged file's batch: the channel it came from and its end token. */
    private record StagedBatch(ChannelId channel, String endToken) {
    }

    private final Supplier<DataSource> warehouse;
    private final Path spool;
    private final Map<String, Queue<StagedBatch>> stagedPerTable = new ConcurrentHashMap<>();
    private final Map<ChannelId, String> committed = new ConcurrentHashMap<>();
    private final Set<String> pipes = ConcurrentHashMap.newKeySet();
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong jsonBytes = new AtomicLong();
    private final AtomicLong stagedBytes = new AtomicLong();
    private final ScheduledExecutorService loader;

    FileSnowpipeIngestClient(Supplier<DataSource> warehouse, Path spool, Duration pipeInterval) {
        this.warehouse = warehouse;
        this.spool = spool;
        this.loader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-pipe-loader");
            thread.setDaemon(true);
            return thread;
        });
        loader.scheduleWithFixedDelay(this::loadQuietly, pipeInterval.toMillis(), pipeInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public IngestChannel openChannel(ChannelId id, OnError onError) {
        createPipe(id.table());
        return new IngestChannel() {
            @Override
            public ChannelId id() {
                return id;
            }

            @Override
            public InsertOutcome insert(List<Map<String, Object>> rows, String startOffsetToken,
                                        String endOffsetToken) {
                if (rows.isEmpty()) {
                    return InsertOutcome.nothingToSend();
                }
                stage(id, rows);
                stagedPerTable.computeIfAbsent(id.table(), t -> new ConcurrentLinkedQueue<>())
                        .add(new StagedBatch(id, endOffsetToken));
                return new InsertOutcome(rows.size(), List.of(), false);
            }

            @Override
            public Optional<String> committedOffsetToken() {
                return Optional.ofNullable(committed.get(id));
            }

            @Override
            public boolean isValid() {
                return true;
            }

            @Override
            public void close() {
                // staged files are the pipe's now
            }
        };
    }

    /** The table's pipe, over its folder of the stage; made once per table. */
    private void createPipe(String table) {
        if (pipes.contains(table)) {
            return;
        }
        execute("CREATE STAGE IF NOT EXISTS " + STAGE,
                "CREATE PIPE IF NOT EXISTS " + table + "_FILES_PIPE AUTO_INGEST = FALSE AS COPY INTO " + table
                        + " FROM @" + STAGE + "/" + table + "/ FILE_FORMAT = (TYPE = JSON)"
                        + " MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE PURGE = TRUE");
        pipes.add(table);
    }

    /** The batch as a file, PUT into the table's folder of the stage. */
    private void stage(ChannelId id, List<Map<String, Object>> rows) {
        Path file = spool.resolve(id.table() + "-" + id.channel() + "-" + files.incrementAndGet() + ".json");
        try {
            Files.createDirectories(spool);
            try (OutputStream out = Files.newOutputStream(file);
                 SequenceWriter writer = JSON.writer().withRootValueSeparator("\n").writeValues(out)) {
                writer.writeAll(rows);
            }
            jsonBytes.addAndGet(Files.size(file));
            stagedBytes.addAndGet(put(file, id.table()));
        } catch (IOException e) {
            throw new IngestException("Cannot write the batch file " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the spool directory goes with the run
            }
        }
    }

    /**
     * One load: what every table has staged so far goes through its pipe, then counts as committed (the emulator's
     * REFRESH loads before it returns; a file that failed would leave its rows out of RAW_CHANGES, which the bench
     * checks).
     */
    private void load() {
        for (Map.Entry<String, Queue<StagedBatch>> table : stagedPerTable.entrySet()) {
            List<StagedBatch> batches = new ArrayList<>();
            for (StagedBatch batch = table.getValue().poll(); batch != null; batch = table.getValue().poll()) {
                batches.add(batch);
            }
            if (batches.isEmpty()) {
                continue;
            }
            execute("ALTER PIPE " + table.getKey() + "_FILES_PIPE REFRESH");
            batches.forEach(batch -> committed.put(batch.channel(), batch.endToken()));
        }
    }

    private void loadQuietly() {
        try {
            load();
        } catch (RuntimeException e) {
            // the next load tries again; the pipeline sees no commit meanwhile
        }
    }

    /** PUT of a file into the table's folder; the staged (compressed) size. */
    private long put(Path file, String table) {
        try (Connection c = warehouse.get().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PUT 'file://" + file.toAbsolutePath() + "' @" + STAGE + "/" + table
                     + "/")) {
            rs.next();
            return rs.getLong("target_size");
        } catch (SQLException e) {
            throw new IngestException("Snowpipe (files): PUT " + file + " failed: " + e.getMessage(), e);
        }
    }

    private void execute(String... statements) {
        try (Connection c = warehouse.get().getConnection(); Statement st = c.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        } catch (SQLException e) {
            throw new IngestException("Snowpipe (files): " + e.getMessage(), e);
        }
    }

    /** Bytes of newline-delimited JSON written (what Snowpipe bills per GB). */
    long jsonBytes() {
        return jsonBytes.get();
    }

    /** Bytes staged: the files as PUT compressed them (what crosses the network). */
    long stagedBytes() {
        return stagedBytes.get();
    }

    long files() {
        return files.get();
    }

    @Override
    public Map<ChannelId, Optional<String>> committedOffsetTokens(List<IngestChannel> channels) {
        Map<ChannelId, Optional<String>> tokens = new HashMap<>();
        channels.forEach(channel -> tokens.put(channel.id(), Optional.ofNullable(committed.get(channel.id()))));
        return tokens;
    }

    @Override
    public void flush() {
        // files are staged as they come; the pipe loads on its schedule
    }

    @Override
    public void close() {
        loader.shutdownNow();
        try {
            loader.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
