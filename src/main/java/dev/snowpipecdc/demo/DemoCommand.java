package dev.snowpipecdc.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.snowpipecdc.Application;
import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.cli.Args;
import dev.snowpipecdc.monitoring.ManagementServer;
import dev.snowpipecdc.monitoring.Reconciliation;
import dev.snowpipecdc.warehouse.WarehouseObjects;
import dev.snowpipecdc.warehouse.WarehouseSchema;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.main.Main;

/**
 * {@code demo}: a real PostgreSQL 17, a workload of inserts, updates and deletes, the pipeline (the same routes
 * and ingest SDK as {@code run}) and the embedded warehouse, with progress every two seconds and a report at the
 * end. It succeeds (exit 0) when every change made has landed in RAW_CHANGES and, once the warehouse tasks have
 * caught up, the current-state tables and CUSTOMER_METRICS equal the source and no quality query finds anything.
 */
public final class DemoCommand {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final Duration CHECK_EVERY = Duration.ofMillis(100);
    private static final String SLOT = "snowpipe_cdc_demo";

    private DemoCommand() {
    }

    public static int run(List<String> argv, PrintStream out) throws Exception {
        return run(argv, out, Map.of());
    }

    /** The demo with settings that win over the demo's own ({@code overrides}), as benchmarks vary them. */
    public static int run(List<String> argv, PrintStream out, Map<String, String> overrides) throws Exception {
        Args args = Args.parse(argv, Set.of("events", "duration", "rate", "source-script", "data-dir", "timeout"),
                Set.of("json"));
        DemoSettings settings = DemoSettings.of(args);
        Path dataDir = settings.dataDir();
        clearDemoState(dataDir);
        out.println("snowpipe-cdc demo: data directory " + dataDir.toAbsolutePath());

        DemoReport report = new DemoReport(out);
        int exitCode;
        try (SourceDatabase source = SourceDatabase.start(dataDir.resolve("postgres"))) {
            out.println("PostgreSQL 17 running on port " + source.port() + " (wal_level=logical)");
            Main pipeline = pipeline(source, dataDir);
            overrides.forEach(pipeline::addOverrideProperty);
            pipeline.start();
            try {
                exitCode = runWorkload(settings, source, pipeline, report);
            } finally {
                pipeline.stop();
            }
        }
        // after everything has shut down, so that it is the last line
        report.printJson();
        return exitCode;
    }

    /** The pipeline of {@code run}, reading the demo database and writing the embedded warehouse in dataDir. */
    public static Main pipeline(SourceDatabase source, Path dataDir) {
        Main pipeline = Application.pipeline(Map.of(
                "cdc.source.host", "localhost",
                "cdc.source.port", String.valueOf(source.port()),
                "cdc.source.database", "postgres",
                "cdc.source.user", "postgres",
                // the embedded server trusts local connections; Debezium insists on some password
                "cdc.source.password", "postgres",
                "cdc.source.slot", SLOT,
                "cdc.source.publication", SLOT,
                "cdc.data-dir", dataDir.toString(),
                // '1 MINUTE' tasks every 2 seconds: the warehouse keeps up while one watches
                "cdc.emulator.time-scale", "30",
                // the demo always writes to the embedded warehouse, whatever the environment says
                "snowflake.url", ""));
        // the source's and channels' meters keep up with a run of seconds; the warehouse's stay at run's 30 s: on
        // the embedded warehouse the monitor's stream queries compete with ingestion (MetricsOverheadBenchmark)
        pipeline.addOverrideProperty("cdc.monitor.pipeline-interval-ms", "2000");
        pipeline.addOverrideProperty("cdc.quality.interval-ms", "30000");
        return pipeline;
    }

    private static int runWorkload(DemoSettings settings, SourceDatabase source, Main pipeline, DemoReport report)
            throws Exception {
        awaitStreaming(source);
        DataSource warehouse = pipeline.lookup(PipelineConfiguration.WAREHOUSE, DataSource.class);
        MeterRegistry meters = pipeline.getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
        Reconciliation reconciliation = pipeline.lookup(PipelineConfiguration.RECONCILIATION, Reconciliation.class);
        ManagementServer.port(pipeline.getCamelContext()).ifPresent(port -> report.line("Watch it: curl"
                + " localhost:" + port + "/observe/metrics (Prometheus), localhost:" + port + "/observe/health"));
        ChangeTally made = new ChangeTally();
        report.line("Pipeline streaming; making changes"
                + settings.script().map(s -> " from " + s).orElse(" at " + settings.rateDescription()));

        long start = System.nanoTime();
        CompletableFuture<Void> workload = CompletableFuture.runAsync(() -> {
            try {
                if (settings.script().isPresent()) {
                    ScriptWorkload.run(source.dataSource(), settings.script().get(), made);
                } else {
                    new Workload(source.dataSource(), 42).run(settings.events(), settings.duration(),
                            settings.rate(), made);
                }
            } catch (Exception e) {
                throw new IllegalStateException("The workload failed: " + e.getMessage(), e);
            }
        });

        // the pipeline's own meters say how far it got: the same numbers /observe/metrics serves
        long deadline = Long.MAX_VALUE;
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        PipelineProgress progress;
        while (true) {
            Thread.sleep(CHECK_EVERY.toMillis());
            progress = PipelineProgress.of(meters, reconciliation);
            if (System.nanoTime() >= nextProgress) {
                report.progress((System.nanoTime() - start) / 1e9, made, progress);
                nextProgress += PROGRESS_EVERY.toNanos();
            }
            if (workload.isDone()) {
                workload.join();
                if (progress.accountsFor(made.total())) {
                    break;
                }
                if (deadline == Long.MAX_VALUE) {
                    deadline = System.nanoTime() + settings.timeout().toNanos();
                }
                if (System.nanoTime() > deadline) {
                    report.timedOut(settings.timeout(), made, progress);
                    return 1;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // checked independently of the meters: what the warehouse holds
        LandedChanges landing = new LandedChanges(warehouse);
        DemoReport.WarehouseCounts inWarehouse = new DemoReport.WarehouseCounts(landing.landed(),
                landing.deadLettersByReason());
        report.line("All changes landed; waiting for the warehouse tasks to catch up");
        WarehouseObjects objects = pipeline.lookup(PipelineConfiguration.WAREHOUSE_SCHEMA, WarehouseSchema.class)
                .objects();
        WarehouseVerification.Outcome warehouseState = new WarehouseVerification(source.dataSource(), warehouse,
                objects).verify(settings.timeout());
        boolean reconciled = progress.counts().reconciled()
                && made.total() == progress.counts().landed() + progress.counts().deadLettered()
                && made.total() == inWarehouse.landed().total() + inWarehouse.deadLettered();
        report.summary(seconds, made, progress, inWarehouse, reconciled, warehouseState, settings.json(),
                settings.dataDir());
        return warehouseState.passed() && reconciled ? 0 : 1;
    }

    /** Debezium has created its slot and is reading it: changes made from now on are streamed, not snapshotted. */
    public static void awaitStreaming(SourceDatabase source) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!source.slotActive(SLOT)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Debezium did not start reading replication slot " + SLOT
                        + " within 90 s; see the log above for the reason");
            }
            Thread.sleep(200);
        }
    }

    /** A demo starts from nothing: old offsets or channel tokens would hide the new changes. */
    private static void clearDemoState(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            Files.createDirectories(dataDir);
            return;
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".duckdb") || name.endsWith(".duckdb.wal") || name.equals("emulator.properties")
                        || name.equals("debezium-offsets.dat") || name.equals("stage")) {
                    FileTrees.delete(file);
                }
            }
        }
    }
}
