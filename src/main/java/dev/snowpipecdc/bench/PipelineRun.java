package dev.snowpipecdc.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.demo.ChangeTally;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.ScdVersionLatency;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.WarehouseCatchUp;
import dev.snowpipecdc.demo.Workload;
import dev.snowpipecdc.demo.WorkloadMix;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.ingest.IngestClientFactory;
import dev.snowpipecdc.monitoring.Meters;
import dev.snowpipecdc.routes.Endpoints;
import dev.snowpipecdc.warehouse.WarehouseObjects;
import dev.snowpipecdc.warehouse.WarehouseSchema;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.main.Main;

/**
 * The direct pipeline (the demo's: the routes and ingest SDK of {@code run}, the embedded warehouse in-process) on
 * a replication slot of its own, measured: a backlog read as fast as it goes, or changes made at a fixed rate while
 * it streams. With the warehouse's tasks suspended (as when the warehouse is a remote service) or running.
 */
final class PipelineRun {

    private final SourceDatabase source;
    private final String publication;
    private final boolean tasksRunning;
    private final Sink sink;
    private final Map<String, String> settings;
    private final Duration timeout;
    private final Duration pipeInterval;
    private volatile FileSnowpipeIngestClient files;

    /**
     * @param sink  what the snowpipe-streaming component writes with
     * @param bench the pipeline settings that win over the demo's (bench --set), the timeout, the pipe's interval
     */
    PipelineRun(SourceDatabase source, String publication, boolean tasksRunning, Sink sink, BenchSettings bench) {
        this.source = source;
        this.publication = publication;
        this.tasksRunning = tasksRunning;
        this.sink = sink;
        this.settings = bench.pipelineSettings();
        this.timeout = bench.timeout();
        this.pipeInterval = bench.pipeInterval();
    }

    /**
     * The changes already in the slot, from the source route's start until the warehouse committed them all; then
     * (not timed) the size of the rows they became and, with {@code timeQueries} and the tasks running, the time
     * of the warehouse's queries once the tasks have caught up.
     */
    Backlog backlog(String slot, Path dataDir, long changes, boolean timeQueries) throws Exception {
        Main pipeline = pipeline(slot, dataDir);
        try {
            pipeline.start();
            MeterRegistry meters = awaitSourceStarted(pipeline);
            ResourceUse use = ResourceUse.start();
            use.await(() -> committed(meters) >= changes, timeout, "the pipeline to land " + changes + " changes");
            Measured measured = use.finish(changes).withBytesSent(uploadedBytes(pipeline));
            DataSource warehouse = pipeline.lookup(PipelineConfiguration.WAREHOUSE, DataSource.class);
            if (sink != Sink.DISCARD) {
                requireLanded(warehouse, changes);
            }
            QueryTimings queries = timeQueries && tasksRunning
                    ? QueryTimings.measure(warehouse, awaitTasksCaughtUp(pipeline)) : QueryTimings.NONE;
            return new Backlog(measured, sink == Sink.CLASSIC_SDK || sink == Sink.HIGH_PERFORMANCE_SDK
                    ? RowBytes.of(warehouse) : RowBytes.NONE,
                    queries);
        } finally {
            pipeline.stop();
        }
    }

    /** A backlog run, the size of the rows it landed, the warehouse's query times after it (or NONE). */
    record Backlog(Measured measured, RowBytes rowBytes, QueryTimings queries) {
    }

    /** Changes made at {@code perSecond} for {@code duration} while the pipeline streams, and their latencies. */
    Paced paced(String slot, Path dataDir, double perSecond, Duration duration, WorkloadMix mix, long seed)
            throws Exception {
        Main pipeline = pipeline(slot, dataDir);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.config().meterFilter(latencyQuantiles());
        pipeline.bind(PipelineConfiguration.METRICS_REGISTRY, meters);
        try {
            pipeline.start();
            awaitSourceStarted(pipeline);
            ResourceUse.until(() -> source.slotActive(slot), timeout, "Debezium to read slot " + slot);
            ChangeTally made = new ChangeTally();
            long changes = Math.max(1, Math.round(perSecond * duration.toSeconds()));
            ResourceUse use = ResourceUse.start();
            long start = System.nanoTime();
            CompletableFuture<Double> workload = CompletableFuture.supplyAsync(() -> {
                try {
                    new Workload(source.dataSource(), seed, mix).run(changes, duration.multipliedBy(4), perSecond,
                            made);
                    return made.total() / ((System.nanoTime() - start) / 1e9);
                } catch (Exception e) {
                    throw new IllegalStateException("The workload failed: " + e.getMessage(), e);
                }
            });
            use.await(() -> workload.isDone() && committed(meters) >= made.total(), timeout.plus(duration),
                    "the pipeline to land the paced changes");
            double achieved = workload.join();
            Measured measured = use.finish(made.total()).withBytesSent(uploadedBytes(pipeline));
            LatencyProfile landed = LatencyProfile.of(meters.get(Meters.END_TO_END_LATENCY).timer());
            LatencyProfile scd = tasksRunning ? scdLatency(pipeline) : LatencyProfile.EMPTY;
            return new Paced(perSecond, achieved, measured, landed, scd);
        } finally {
            pipeline.stop();
        }
    }

    /** What the pipeline's snowpipe-streaming component writes with. */
    enum Sink {
        /** The classic ingest SDK into the embedded warehouse: the product. */
        CLASSIC_SDK,
        /** The high-performance SDK into the embedded warehouse, through the tables' default pipes. */
        HIGH_PERFORMANCE_SDK,
        /** A multi-row INSERT per batch over JDBC into the embedded warehouse ({@link JdbcInsertIngestClient}). */
        JDBC_INSERT,
        /** A file per batch, staged and loaded by a pipe ({@link FileSnowpipeIngestClient}). */
        FILE_SNOWPIPE,
        /** Nothing: every row is taken and forgotten ({@link DiscardingIngestClient}). */
        DISCARD
    }

    /** A paced run: the rate asked for and made, the run, commit → landed and commit → SCD Type 2 version. */
    record Paced(double targetRate, double achievedRate, Measured measured, LatencyProfile landed,
                 LatencyProfile scd) {
    }

    private Main pipeline(String slot, Path dataDir) {
        Main pipeline = DemoCommand.pipeline(source, dataDir);
        pipeline.addOverrideProperty("cdc.source.slot", slot);
        pipeline.addOverrideProperty("cdc.source.publication", publication);
        pipeline.addOverrideProperty("cdc.source.snapshot-mode", "no_data");
        settings.forEach(pipeline::addOverrideProperty);
        // the pipeline hands the registry's only IngestClientFactory to the component
        switch (sink) {
            case DISCARD -> pipeline.bind("benchSink", DiscardingIngestClient.FACTORY);
            case JDBC_INSERT -> pipeline.bind("benchSink", (IngestClientFactory) ignored ->
                    new JdbcInsertIngestClient(() -> pipeline.lookup(PipelineConfiguration.WAREHOUSE,
                            DataSource.class)));
            case FILE_SNOWPIPE -> pipeline.bind("benchSink", (IngestClientFactory) ignored -> {
                files = new FileSnowpipeIngestClient(() -> pipeline.lookup(PipelineConfiguration.WAREHOUSE,
                        DataSource.class), dataDir.resolve("spool"), pipeInterval);
                return files;
            });
            case CLASSIC_SDK -> {
                // the component's default
            }
            case HIGH_PERFORMANCE_SDK -> pipeline.addOverrideProperty("snowflake.sdk",
                    IngestClientFactory.HIGH_PERFORMANCE_SDK);
        }
        return pipeline;
    }

    /** Waits until the source route runs (the warehouse objects exist then) and suspends the tasks if asked to. */
    private MeterRegistry awaitSourceStarted(Main pipeline) throws Exception {
        ResourceUse.until(() -> pipeline.getCamelContext().getRouteController()
                .getRouteStatus(Endpoints.SOURCE_ROUTE_ID).isStarted(), timeout, "the source route to start");
        if (!tasksRunning) {
            suspendTasks(pipeline.lookup(PipelineConfiguration.WAREHOUSE, DataSource.class));
        }
        return pipeline.getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
    }

    /** What an operator would do: ALTER TASK ... SUSPEND for every task, ALTER DYNAMIC TABLE ... SUSPEND too. */
    private static void suspendTasks(DataSource warehouse) throws SQLException {
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement()) {
            for (String task : names(st, "SHOW TASKS")) {
                st.execute("ALTER TASK " + task + " SUSPEND");
            }
            for (String table : names(st, "SHOW DYNAMIC TABLES")) {
                st.execute("ALTER DYNAMIC TABLE " + table + " SUSPEND");
            }
        }
    }

    private static List<String> names(Statement st, String show) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(show)) {
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }

    private LatencyProfile scdLatency(Main pipeline) throws Exception {
        return LatencyProfile.ofMillis(ScdVersionLatency.millis(
                pipeline.lookup(PipelineConfiguration.WAREHOUSE, DataSource.class), awaitTasksCaughtUp(pipeline)));
    }

    /** Waits until the warehouse tasks have consumed every landed change; the warehouse's objects. */
    private WarehouseObjects awaitTasksCaughtUp(Main pipeline) throws Exception {
        DataSource warehouse = pipeline.lookup(PipelineConfiguration.WAREHOUSE, DataSource.class);
        WarehouseObjects objects = pipeline.lookup(PipelineConfiguration.WAREHOUSE_SCHEMA, WarehouseSchema.class)
                .objects();
        if (!new WarehouseCatchUp(warehouse, objects.monitoring()).await(timeout)) {
            throw new IllegalStateException("The warehouse tasks did not catch up within " + timeout.toSeconds()
                    + " s");
        }
        return objects;
    }

    /** What the meters say has landed is in RAW_CHANGES, once: a path that loses or doubles rows does not count. */
    private static void requireLanded(DataSource warehouse, long changes) throws SQLException {
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT TABLE_NAME || OFFSET_TOKEN)"
                     + " FROM RAW_CHANGES")) {
            rs.next();
            if (rs.getLong(1) != changes || rs.getLong(2) != changes) {
                throw new IllegalStateException("RAW_CHANGES holds " + rs.getLong(1) + " rows (" + rs.getLong(2)
                        + " distinct) after " + changes + " changes");
            }
        }
    }

    private static double committed(MeterRegistry meters) {
        return meters.find(Meters.ROWS_COMMITTED).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** What the sink sent: the classic SDK's blobs, the high-performance SDK's append bodies, or the staged files. */
    private long uploadedBytes(Main pipeline) {
        if (files != null) {
            return files.stagedBytes();
        }
        EmbeddedWarehouse embedded = pipeline.lookup(PipelineConfiguration.EMBEDDED_WAREHOUSE,
                EmbeddedWarehouse.class);
        if (embedded == null) {
            return 0;
        }
        return sink == Sink.HIGH_PERFORMANCE_SDK ? embedded.appendedRowsetBytes() : embedded.registeredBlobBytes();
    }

    /** The end-to-end timer keeps every value of the run (no rotating window) at the CDF's quantiles. */
    private static MeterFilter latencyQuantiles() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(Meters.END_TO_END_LATENCY)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentiles(LatencyProfile.QUANTILES)
                        .percentilePrecision(2).expiry(Duration.ofHours(6)).bufferLength(1).build().merge(config);
            }
        };
    }
}
