package dev.snowpipecdc.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** What a bench run measured: each path's backlog rounds (the ceiling first) and the paced runs. */
final class BenchResults {

    private final Map<String, List<Measured>> backlog = new LinkedHashMap<>();
    private final List<PacedResult> paced = new ArrayList<>();
    private RowBytes rowBytes = RowBytes.NONE;
    private Environment environment;
    private QueryTimings queries = QueryTimings.NONE;
    private LargeBacklog largeBacklog;

    /** A paced run of a path. */
    record PacedResult(String path, PipelineRun.Paced run) {
    }

    /** The large backlog's run, and the JVM's max heap it ran in. */
    record LargeBacklog(Measured run, long maxHeapBytes) {
    }

    void largeBacklog(Measured run, long maxHeapBytes) {
        largeBacklog = new LargeBacklog(run, maxHeapBytes);
    }

    java.util.Optional<LargeBacklog> largeBacklog() {
        return java.util.Optional.ofNullable(largeBacklog);
    }


    void addRound(String path, Measured measured) {
        backlog.computeIfAbsent(path, p -> new ArrayList<>()).add(measured);
    }

    void addPaced(String path, PipelineRun.Paced run) {
        paced.add(new PacedResult(path, run));
    }

    void environment(Environment described) {
        environment = described;
    }

    Environment environment() {
        return environment;
    }

    void queries(QueryTimings measured) {
        queries = measured;
    }

    QueryTimings queries() {
        return queries;
    }

    void rowBytes(RowBytes measured) {
        rowBytes = measured;
    }

    RowBytes rowBytes() {
        return rowBytes;
    }

    Map<String, List<Measured>> backlog() {
        return backlog;
    }

    List<PacedResult> paced() {
        return paced;
    }

    /** The median changes per second of the first path: what the ratios are to. */
    double ceilingPerSecond() {
        return median(backlog.values().iterator().next(), Measured::changesPerSecond);
    }

    static double median(List<Measured> runs, ToDoubleFunction<Measured> value) {
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double min(List<Measured> runs, ToDoubleFunction<Measured> value) {
        return runs.stream().mapToDouble(value).min().orElse(Double.NaN);
    }

    static double max(List<Measured> runs, ToDoubleFunction<Measured> value) {
        return runs.stream().mapToDouble(value).max().orElse(Double.NaN);
    }

    void print(PrintStream out) {
        double ceiling = ceilingPerSecond();
        out.println("Backlog throughput (changes/s; median, min, max over the rounds; ratio of medians to the"
                + " ceiling):");
        backlog.forEach((path, runs) -> out.printf(Locale.ROOT, "  %-42s %7.0f %7.0f %7.0f  ratio %.2f  CPU %5.0f"
                        + " us/change  live heap %4.0f MB  sent %5.0f B/change%n", path,
                median(runs, Measured::changesPerSecond), min(runs, Measured::changesPerSecond),
                max(runs, Measured::changesPerSecond), median(runs, Measured::changesPerSecond) / ceiling,
                median(runs, Measured::cpuMicrosPerChange), max(runs, Measured::peakHeapBytes) / 1e6,
                median(runs, Measured::bytesPerChange)));
        out.println("Where the CPU went (us per change, median over the rounds):");
        backlog.forEach((path, runs) -> {
            out.printf(Locale.ROOT, "  %s%n", path);
            for (String group : runs.get(0).cpuSecondsByThreads().keySet()) {
                out.printf(Locale.ROOT, "    %-75s %6.0f%n", group, median(runs, r -> r.cpuMicrosPerChange(group)));
            }
        });
        if (largeBacklog != null) {
            out.printf(Locale.ROOT, "Large backlog: %d changes, %.0f changes/s, CPU %.0f us/change, live heap at most"
                            + " %.0f MB of a %.0f MB max heap%n", largeBacklog.run().changes(),
                    largeBacklog.run().changesPerSecond(), largeBacklog.run().cpuMicrosPerChange(),
                    largeBacklog.run().peakHeapBytes() / 1e6, largeBacklog.maxHeapBytes() / 1e6);
        }
        if (!queries.medianMillis().isEmpty()) {
            out.println("Warehouse queries with the tasks caught up (ms, median of 3; rows "
                    + queries.rows() + "):");
            queries.medianMillis().forEach((query, ms) -> out.printf(Locale.ROOT, "  %-60s %8.0f%n", query, ms));
        }
        if (!paced.isEmpty()) {
            out.println("Paced latency (ms; source commit -> landed in RAW_CHANGES, and -> SCD Type 2 version):");
        }
        for (PacedResult result : paced) {
            PipelineRun.Paced run = result.run();
            out.printf(Locale.ROOT, "  %-42s %5.0f/s (made %5.0f/s)  landed p50 %5.0f p95 %5.0f p99 %5.0f max %5.0f",
                    result.path(), run.targetRate(), run.achievedRate(), run.landed().at(0.5),
                    run.landed().at(0.95), run.landed().at(0.99), run.landed().at(1.0));
            if (!run.scd().isEmpty()) {
                out.printf(Locale.ROOT, "  SCD2 p50 %5.0f p95 %5.0f p99 %5.0f max %5.0f", run.scd().at(0.5),
                        run.scd().at(0.95), run.scd().at(0.99), run.scd().at(1.0));
            }
            out.println();
        }
    }
}
