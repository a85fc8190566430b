package dev.snowpipecdc.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.snowpipecdc.bench.PipelineRun.Sink;
import dev.snowpipecdc.cli.Args;
import dev.snowpipecdc.demo.ChangeTally;
import dev.snowpipecdc.demo.FileTrees;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.Workload;

/**
 * {@code bench}: the pipeline against the ceiling of its source, in one process and one run, on embedded PostgreSQL
 * and the embedded warehouse. Backlog rounds (changes committed first, then each path reads them from a replication
 * slot made for it before the changes) give throughput; the first round warms up and is not counted. Paced runs
 * (changes made at fixed rates while the pipeline streams) give latency. The pipeline runs with the warehouse's
 * tasks suspended (the warehouse is a remote service in production) and with them running in this process.
 */
public final class BenchCommand {

    public static final String USAGE = "bench [--events N] [--rounds R] [--warmup-rounds W] [--rates R1,R2] [--paced-for D]"
            + " [--mix I:U:D] [--transaction-size N] [--paths discarded,jdbc,files,hp,sdk]"
            + " [--tasks suspended|running|both] [--pipe-interval D] [--large-backlog N] [--set KEY=VALUE,...]"
            + " [--data-dir DIR]"
            + " [--report FILE] [--timeout D]";

    static final String CEILING = "ceiling: debezium-postgres, no-op";
    static final String DISCARDED = "pipeline, rows discarded (no SDK, no warehouse)";
    static final String JDBC = "pipeline, JDBC INSERT per batch, tasks suspended";
    static final String HIGH_PERFORMANCE = "pipeline, high-performance SDK, tasks suspended";
    private static final String PUBLICATION = "snowpipe_cdc_bench";
    private static final String TABLES = "public.customers,public.orders";

    private BenchCommand() {
    }

    public static int run(List<String> argv, PrintStream out) throws Exception {
        BenchSettings settings = BenchSettings.of(Args.parse(argv, BenchSettings.VALUE_FLAGS, Set.of()));
        BenchResults results = measure(settings, out);
        out.println();
        results.print(out);
        if (settings.report().isPresent()) {
            new PerformanceReport(settings, results, results.environment(), argv).write(settings.report().get());
            out.println("Report written to " + settings.report().get().toAbsolutePath());
        }
        return 0;
    }

    static BenchResults measure(BenchSettings settings, PrintStream out) throws Exception {
        FileTrees.delete(settings.dataDir());
        Files.createDirectories(settings.dataDir());
        out.printf(Locale.ROOT, "snowpipe-cdc bench: %d changes per backlog round, %d rounds after %d warm-up"
                + " rounds, paced at %s changes/s for %d s; %s%n", settings.events(), settings.rounds(),
                settings.warmupRounds(), BenchSettings.rates(settings.rates()),
                settings.pacedFor().toSeconds(), settings.mix());
        BenchResults results = new BenchResults();
        try (SourceDatabase source = SourceDatabase.start(settings.dataDir().resolve("postgres"))) {
            // pgoutput decodes with the catalog as it was at each change: the publication must come first
            source.execute("CREATE PUBLICATION " + PUBLICATION + " FOR TABLE customers, orders");
            results.environment(Environment.describe(source.dataSource()));
            for (int round = 0; round < settings.warmupRounds() + settings.rounds(); round++) {
                backlogRound(source, settings, round, results, out);
            }
            if (settings.largeBacklog() > 0) {
                largeBacklog(source, settings, results, out);
            }
            int run = 0;
            for (PipelinePath path : pipelinePaths(settings)) {
                if (path.sink() == Sink.DISCARD || path.sink() == Sink.JDBC_INSERT) {
                    continue;
                }
                for (double rate : settings.rates()) {
                    String slot = "bench_paced_" + run++;
                    PipelineRun pipeline = new PipelineRun(source, PUBLICATION, path.tasksRunning(), path.sink(),
                            settings);
                    PipelineRun.Paced paced = pipeline.paced(slot, runDir(settings, slot), rate,
                            settings.pacedFor(), settings.mix(), 1000L + run);
                    dropSlot(source, slot);
                    FileTrees.delete(runDir(settings, slot));
                    results.addPaced(path.name(), paced);
                    out.printf(Locale.ROOT, "paced %s at %.0f/s: landed p50 %.0f ms, p99 %.0f ms%n",
                            path.name(), rate, paced.landed().at(0.5), paced.landed().at(0.99));
                }
            }
        }
        return results;
    }

    /** A path besides the ceiling: what the pipeline writes with, and whether the warehouse's tasks run. */
    record PipelinePath(String name, String slot, Sink sink, boolean tasksRunning) {
    }

    /** The paths asked for, in the report's order. */
    static List<PipelinePath> pipelinePaths(BenchSettings settings) {
        List<PipelinePath> paths = new ArrayList<>();
        if (settings.paths().contains("discarded")) {
            paths.add(new PipelinePath(DISCARDED, "discarded", Sink.DISCARD, false));
        }
        if (settings.paths().contains("jdbc")) {
            paths.add(new PipelinePath(JDBC, "jdbc", Sink.JDBC_INSERT, false));
        }
        if (settings.paths().contains("files")) {
            paths.add(new PipelinePath(filesName(settings), "files", Sink.FILE_SNOWPIPE, false));
        }
        if (settings.paths().contains("hp")) {
            paths.add(new PipelinePath(HIGH_PERFORMANCE, "hp", Sink.HIGH_PERFORMANCE_SDK, false));
        }
        if (settings.paths().contains("sdk")) {
            settings.tasksRunning().forEach(running -> paths.add(new PipelinePath(pipelineName(running),
                    running ? "running" : "suspended", Sink.CLASSIC_SDK, running)));
        }
        return paths;
    }

    /**
     * One backlog: a slot per path, the changes, then each path reads its slot to the end. After the last round's
     * run with the tasks running, the warehouse's queries are timed on what it holds.
     */
    private static void backlogRound(SourceDatabase source, BenchSettings settings, int round, BenchResults results,
                                     PrintStream out) throws Exception {
        List<String> slots = new ArrayList<>(List.of("bench_ceiling_" + round));
        pipelinePaths(settings).forEach(path -> slots.add(slot(path, round)));
        slots.forEach(slot -> source.execute("SELECT pg_create_logical_replication_slot('" + slot
                + "', 'pgoutput')"));
        try {
            measureRound(source, settings, round, results, out, slots.get(0));
        } finally {
            // a path that failed leaves its slot (and the ones after it) behind: they would hold WAL
            slots.forEach(slot -> source.execute("SELECT pg_drop_replication_slot(slot_name) FROM"
                    + " pg_replication_slots WHERE slot_name = '" + slot + "' AND NOT active"));
        }
    }

    private static void measureRound(SourceDatabase source, BenchSettings settings, int round,
                                     BenchResults results, PrintStream out, String ceilingSlot) throws Exception {
        ChangeTally made = new ChangeTally();
        new Workload(source.dataSource(), round, settings.mix()).run(settings.events(), Duration.ofHours(1), 0,
                made);
        boolean warmUp = round < settings.warmupRounds();
        boolean last = round == settings.warmupRounds() + settings.rounds() - 1;
        String label = warmUp ? "warm-up " + (round + 1) : "round " + (round + 1 - settings.warmupRounds());
        Measured ceiling = CeilingRun.measure(source, ceilingSlot, PUBLICATION, TABLES, made.total(),
                Long.parseLong(settings.pipelineSettings().getOrDefault("cdc.source.poll-interval-ms",
                        String.valueOf(CeilingRun.DEFAULT_POLL_INTERVAL_MS))), settings.timeout());
        dropSlot(source, ceilingSlot);
        record(results, out, label, warmUp, CEILING, ceiling);
        for (PipelinePath path : pipelinePaths(settings)) {
            // the queries are timed on the large backlog when there is one
            boolean timeQueries = last && path.tasksRunning() && settings.largeBacklog() == 0;
            PipelineRun.Backlog backlog = backlog(source, settings, slot(path, round), path, made.total(),
                    timeQueries);
            if (path.sink() == Sink.CLASSIC_SDK) {
                results.rowBytes(backlog.rowBytes());
            }
            if (!backlog.queries().medianMillis().isEmpty()) {
                results.queries(backlog.queries());
            }
            record(results, out, label, warmUp, path.name(), backlog.measured());
        }
    }

    /**
     * One backlog of {@code --large-backlog} changes read by the product's path (classic SDK, tasks running): the
     * heap it needs (run the bench with -Xmx1g to hold it to the goal) and the warehouse's queries on that many
     * rows once the tasks have caught up.
     */
    private static void largeBacklog(SourceDatabase source, BenchSettings settings, BenchResults results,
                                     PrintStream out) throws Exception {
        PipelinePath path = new PipelinePath(pipelineName(true), "large", Sink.CLASSIC_SDK, true);
        String slot = slot(path, 0);
        source.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        try {
            ChangeTally made = new ChangeTally();
            long start = System.nanoTime();
            new Workload(source.dataSource(), 7_777, settings.mix()).run(settings.largeBacklog(), Duration.ofHours(3),
                    0, made);
            out.printf(Locale.ROOT, "large backlog: %d changes made in %.0f s%n", made.total(),
                    (System.nanoTime() - start) / 1e9);
            PipelineRun.Backlog backlog = backlog(source, settings, slot, path, made.total(), true);
            results.largeBacklog(backlog.measured(), Runtime.getRuntime().maxMemory());
            results.queries(backlog.queries());
            out.printf(Locale.ROOT, "large backlog: %s %.0f changes/s, live heap at most %.0f MB of %.0f MB%n",
                    path.name(), backlog.measured().changesPerSecond(), backlog.measured().peakHeapBytes() / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6);
        } finally {
            source.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                    + slot + "' AND NOT active");
        }
    }

    /** A pipeline reads its slot's backlog; the slot and the run's warehouse are removed after. */
    private static PipelineRun.Backlog backlog(SourceDatabase source, BenchSettings settings, String slot,
                                               PipelinePath path, long changes, boolean timeQueries)
            throws Exception {
        PipelineRun.Backlog backlog = new PipelineRun(source, PUBLICATION, path.tasksRunning(), path.sink(),
                settings).backlog(slot, runDir(settings, slot), changes, timeQueries);
        dropSlot(source, slot);
        FileTrees.delete(runDir(settings, slot));
        return backlog;
    }

    private static String slot(PipelinePath path, int round) {
        return "bench_" + path.slot() + "_" + round;
    }

    private static void record(BenchResults results, PrintStream out, String label, boolean warmUp, String path,
                               Measured measured) {
        out.printf(Locale.ROOT, "%s: %s %.0f changes/s%n", label, path, measured.changesPerSecond());
        if (!warmUp) {
            results.addRound(path, measured);
        }
    }

    /** The file-based path's name, with its pipe's interval. */
    static String filesName(BenchSettings settings) {
        return "pipeline, Snowpipe (files, pipe every " + settings.pipeInterval().toSeconds() + " s), tasks suspended";
    }

    static String pipelineName(boolean tasksRunning) {
        return "pipeline, classic SDK, tasks " + (tasksRunning ? "running" : "suspended");
    }

    private static Path runDir(BenchSettings settings, String slot) {
        return settings.dataDir().resolve("runs").resolve(slot);
    }

    /** Drops a slot once its reader has let go of it (a stopped reader's connection closes shortly after). */
    private static void dropSlot(SourceDatabase source, String slot) throws Exception {
        ResourceUse.until(() -> !source.slotActive(slot), Duration.ofMinutes(1),
                "replication slot " + slot + " to be released");
        source.execute("SELECT pg_drop_replication_slot('" + slot + "')");
    }
}
