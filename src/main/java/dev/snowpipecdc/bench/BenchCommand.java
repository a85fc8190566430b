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
            + " [--mix I:U:D] [--transaction-size N] [--paths discarded,jdbc,sdk] [--tasks suspended|running|both]"
            + " [--set KEY=VALUE,...]"
            + " [--data-dir DIR]"
            + " [--report FILE] [--timeout D]";

    static final String CEILING = "ceiling: debezium-postgres, no-op";
    static final String DISCARDED = "pipeline, rows discarded (no SDK, no warehouse)";
    static final String JDBC = "pipeline, JDBC INSERT per batch, tasks suspended";
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
            int run = 0;
            for (boolean tasksRunning : settings.paths().contains("sdk") ? settings.tasksRunning()
                    : List.<Boolean>of()) {
                for (double rate : settings.rates()) {
                    String slot = "bench_paced_" + run++;
                    PipelineRun pipeline = new PipelineRun(source, PUBLICATION, tasksRunning, Sink.CLASSIC_SDK,
                            settings.pipelineSettings(), settings.timeout());
                    PipelineRun.Paced paced = pipeline.paced(slot, runDir(settings, slot), rate,
                            settings.pacedFor(), settings.mix(), 1000L + run);
                    dropSlot(source, slot);
                    FileTrees.delete(runDir(settings, slot));
                    results.addPaced(pipelineName(tasksRunning), paced);
                    out.printf(Locale.ROOT, "paced %s at %.0f/s: landed p50 %.0f ms, p99 %.0f ms%n",
                            pipelineName(tasksRunning), rate, paced.landed().at(0.5), paced.landed().at(0.99));
                }
            }
        }
        return results;
    }

    /**
     * One backlog: a slot per path, the changes, then each path reads its slot to the end. After the last round's
     * run with the tasks running, the warehouse's queries are timed on what it holds.
     */
    private static void backlogRound(SourceDatabase source, BenchSettings settings, int round, BenchResults results,
                                     PrintStream out) throws Exception {
        String ceilingSlot = "bench_ceiling_" + round;
        String discardedSlot = "bench_discarded_" + round;
        String jdbcSlot = "bench_jdbc_" + round;
        List<String> slots = new ArrayList<>(List.of(ceilingSlot));
        if (settings.paths().contains("discarded")) {
            slots.add(discardedSlot);
        }
        if (settings.paths().contains("jdbc")) {
            slots.add(jdbcSlot);
        }
        if (settings.paths().contains("sdk")) {
            settings.tasksRunning().forEach(running -> slots.add(slot(running, round)));
        }
        slots.forEach(slot -> source.execute("SELECT pg_create_logical_replication_slot('" + slot
                + "', 'pgoutput')"));
        try {
            measureRound(source, settings, round, results, out, slots);
        } finally {
            // a path that failed leaves its slot (and the ones after it) behind: they would hold WAL
            slots.forEach(slot -> source.execute("SELECT pg_drop_replication_slot(slot_name) FROM"
                    + " pg_replication_slots WHERE slot_name = '" + slot + "' AND NOT active"));
        }
    }

    private static void measureRound(SourceDatabase source, BenchSettings settings, int round,
                                     BenchResults results, PrintStream out, List<String> slots) throws Exception {
        String ceilingSlot = slots.get(0);
        String discardedSlot = "bench_discarded_" + round;
        String jdbcSlot = "bench_jdbc_" + round;
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
        if (slots.contains(discardedSlot)) {
            record(results, out, label, warmUp, DISCARDED, backlog(source, settings, discardedSlot, false,
                    Sink.DISCARD, made.total(), false).measured());
        }
        if (slots.contains(jdbcSlot)) {
            record(results, out, label, warmUp, JDBC, backlog(source, settings, jdbcSlot, false,
                    Sink.JDBC_INSERT, made.total(), false).measured());
        }
        if (settings.paths().contains("sdk")) {
            for (boolean tasksRunning : settings.tasksRunning()) {
                PipelineRun.Backlog backlog = backlog(source, settings, slot(tasksRunning, round), tasksRunning,
                        Sink.CLASSIC_SDK, made.total(), last && tasksRunning);
                results.rowBytes(backlog.rowBytes());
                if (!backlog.queries().medianMillis().isEmpty()) {
                    results.queries(backlog.queries());
                }
                record(results, out, label, warmUp, pipelineName(tasksRunning), backlog.measured());
            }
        }
    }

    /** A pipeline reads its slot's backlog; the slot and the run's warehouse are removed after. */
    private static PipelineRun.Backlog backlog(SourceDatabase source, BenchSettings settings, String slot,
                                               boolean tasksRunning, Sink sink, long changes, boolean timeQueries)
            throws Exception {
        PipelineRun.Backlog backlog = new PipelineRun(source, PUBLICATION, tasksRunning, sink,
                settings.pipelineSettings(), settings.timeout()).backlog(slot, runDir(settings, slot), changes,
                timeQueries);
        dropSlot(source, slot);
        FileTrees.delete(runDir(settings, slot));
        return backlog;
    }

    private static String slot(boolean tasksRunning, int round) {
        return "bench_" + (tasksRunning ? "running_" : "suspended_") + round;
    }

    private static void record(BenchResults results, PrintStream out, String label, boolean warmUp, String path,
                               Measured measured) {
        out.printf(Locale.ROOT, "%s: %s %.0f changes/s%n", label, path, measured.changesPerSecond());
        if (!warmUp) {
            results.addRound(path, measured);
        }
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
