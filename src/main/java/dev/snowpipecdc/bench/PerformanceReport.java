package dev.snowpipecdc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * docs/performance.md as the bench verb writes it: the run's settings, machine and versions, throughput against
 * the ceiling, where the CPU went, latency, the goals with what was measured, and the cost per million changes;
 * charts beside it in performance/. Every figure comes from the run that writes it.
 */
final class PerformanceReport {

    static final double GOAL_RATIO = 0.85;
    static final double GOAL_P50_MS = 1200;
    static final double GOAL_P99_MS = 2500;
    static final double GOAL_RATE = 1000;

    private final BenchSettings settings;
    private final BenchResults results;
    private final Environment environment;
    private final List<String> command;

    PerformanceReport(BenchSettings settings, BenchResults results, Environment environment, List<String> command) {
        this.settings = settings;
        this.results = results;
        this.environment = environment;
        this.command = command;
    }

    /** Writes the report to {@code file} and its charts to performance/ beside it. */
    void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path charts = dir.resolve("performance");
        Files.createDirectories(charts);
        Charts.throughput(results.backlog(), results.ceilingPerSecond(), charts.resolve("throughput.png"));
        Map<String, LatencyProfile> cdfs = new LinkedHashMap<>();
        for (BenchResults.PacedResult paced : results.paced()) {
            // the rate the workload made, which is below the one asked for when the database could not take it
            String label = paced.path().replace("pipeline, classic SDK, ", "") + String.format(Locale.ROOT,
                    " @ %.0f/s", paced.run().achievedRate());
            cdfs.put("landed, " + label, paced.run().landed());
            if (!paced.run().scd().isEmpty()) {
                cdfs.put("SCD2 version, " + label, paced.run().scd());
            }
        }
        Charts.latencyCdf(cdfs, charts.resolve("latency-cdf.png"));
        Files.writeString(file, markdown());
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Performance\n\n");
        md.append("Written by `java ").append(heapOption()).append("-jar target/snowpipe-cdc.jar bench ")
                .append(String.join(" ", command))
                .append("` on ").append(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE))
                .append(". Every figure below comes from that one run; run it again rather than editing this file."
                        + " Ratios are to the ceiling measured in the same run (machines are noisy; absolute numbers"
                        + " move between runs, ratios less).\n\n");
        goals(md);
        setup(md);
        throughput(md);
        cpu(md);
        latency(md);
        queries(md);
        cost(md);
        return md.toString();
    }

    /** The JVM's -Xmx as it was started with (the heap goal depends on it), or "". */
    private static String heapOption() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-Xmx")).reduce((first, last) -> last).map(arg -> arg + " ")
                .orElse("");
    }

    private void goals(StringBuilder md) {
        md.append("## Goals\n\n| goal | measured | met |\n|---|---|---|\n");
        for (Map.Entry<String, List<Measured>> path : results.backlog().entrySet()) {
            if (path.getKey().equals(BenchCommand.CEILING)) {
                continue;
            }
            double ratio = BenchResults.median(path.getValue(), Measured::changesPerSecond)
                    / results.ceilingPerSecond();
            md.append(String.format(Locale.ROOT, "| %s ÷ ceiling ≥ %.2f (changes/s) | %.2f | %s |%n", path.getKey(),
                    GOAL_RATIO, ratio, ratio >= GOAL_RATIO ? "yes" : "no"));
        }
        for (BenchResults.PacedResult paced : results.paced()) {
            if (Math.abs(paced.run().targetRate() - GOAL_RATE) > 1e-9) {
                continue;
            }
            if (paced.run().achievedRate() < 0.95 * GOAL_RATE) {
                md.append(String.format(Locale.ROOT, "| %s at %.0f/s | the workload made only %.0f/s | — |%n",
                        paced.path(), GOAL_RATE, paced.run().achievedRate()));
                continue;
            }
            double p50 = paced.run().landed().at(0.5);
            double p99 = paced.run().landed().at(0.99);
            md.append(String.format(Locale.ROOT, "| %s at %.0f/s: commit → RAW_CHANGES p50 ≤ %.1f s, p99 ≤ %.1f s"
                            + " | p50 %.2f s, p99 %.2f s | %s |%n", paced.path(), GOAL_RATE, GOAL_P50_MS / 1000,
                    GOAL_P99_MS / 1000, p50 / 1000, p99 / 1000,
                    p50 <= GOAL_P50_MS && p99 <= GOAL_P99_MS ? "yes" : "no"));
        }
        heapGoal(md);
        md.append("\n**What limits throughput here.** The pipeline and the ceiling read the same backlog through the"
                + " same Debezium engine; the pipeline then parses, routes, enriches and batches every change and"
                + " the ingest SDK builds Parquet, which the embedded warehouse loads into DuckDB in the same process."
                + " On this machine all of that shares ").append(environment.machine()
                .get("cores available to the JVM")).append(" cores with PostgreSQL's WAL sender, so CPU per"
                + " change decides (CPU of this process only; PostgreSQL's is not counted):\n\n");
        int cores = Integer.parseInt(environment.machine().get("cores available to the JVM"));
        for (Map.Entry<String, List<Measured>> path : results.backlog().entrySet()) {
            double micros = BenchResults.median(path.getValue(), Measured::cpuMicrosPerChange);
            double perSecond = BenchResults.median(path.getValue(), Measured::changesPerSecond);
            md.append(String.format(Locale.ROOT, "- %s: %.0f µs of this process's CPU per change; at its %.0f"
                            + " changes/s it kept %.1f of the %d cores busy, and %d cores would take at most %.0f"
                            + " changes/s of it%n", path.getKey(), micros, perSecond, micros * perSecond / 1e6,
                    cores, cores, cores * 1e6 / micros));
        }
        List<Measured> discarded = results.backlog().get(BenchCommand.DISCARDED);
        List<Measured> sdk = results.backlog().get(BenchCommand.pipelineName(false));
        if (discarded != null && sdk != null) {
            double ceiling = BenchResults.median(results.backlog().get(BenchCommand.CEILING),
                    Measured::cpuMicrosPerChange);
            double routes = BenchResults.median(discarded, Measured::cpuMicrosPerChange);
            double sink = BenchResults.median(sdk, Measured::cpuMicrosPerChange);
            md.append(String.format(Locale.ROOT, "%nOf the CPU that separates the pipeline (tasks suspended) from the"
                            + " ceiling, the routes' own work (parse, route, enrich, batch: the path with its rows"
                            + " discarded) adds %.0f µs per change to the ceiling's %.0f, and the sink (the SDK's"
                            + " Parquet, its HTTP calls, the embedded warehouse's loads) %.0f µs more: %.0f %% and"
                            + " %.0f %% of the difference.%n", routes - ceiling, ceiling, sink - routes,
                    100 * (routes - ceiling) / (sink - ceiling), 100 * (sink - routes) / (sink - ceiling)));
        }
        md.append("\n");
    }

    /** The heap goal: a million-change backlog in a 1 GB heap. */
    private void heapGoal(StringBuilder md) {
        if (results.largeBacklog().isEmpty()) {
            md.append("| a 1M-change backlog with -Xmx1g: no OOM, bounded heap | not run here (`--large-backlog"
                    + " 1000000` under `java -Xmx1g`) | — |\n");
            return;
        }
        BenchResults.LargeBacklog large = results.largeBacklog().get();
        boolean goalHeap = large.maxHeapBytes() <= 1L << 30;
        md.append(String.format(Locale.ROOT, "| a %,d-change backlog with a max heap of %.0f MB: no OOM, bounded heap"
                        + " | done; live heap at most %.0f MB | %s |%n", large.run().changes(),
                large.maxHeapBytes() / 1e6, large.run().peakHeapBytes() / 1e6,
                goalHeap && large.run().changes() >= 1_000_000 ? "yes" : "not with -Xmx1g and 1M changes"));
    }

    private void setup(StringBuilder md) {
        md.append("## Set-up\n\n");
        md.append(String.format(Locale.ROOT, "- Workload: %s, on `customers` and `orders` (the demo's tables)%n",
                settings.mix()));
        md.append(String.format(Locale.ROOT, "- Backlog: %d changes committed while nothing reads them (each path has"
                        + " a replication slot made before them), %d rounds after %d warm-up rounds that are not"
                        + " counted (the JIT compilers are still busy in the first rounds)%n", settings.events(),
                settings.rounds(), settings.warmupRounds()));
        md.append(String.format(Locale.ROOT, "- Paced: changes made at %s changes/s for %d s while the pipeline"
                + " streams, after the backlog rounds (a warm JVM)%n", BenchSettings.rates(settings.rates()),
                settings.pacedFor().toSeconds()));
        md.append("- Ceiling: Camel's `debezium-postgres` endpoint with the source route's connector settings and a"
                + " processor that only counts\n");
        md.append("- Pipeline: the demo's (`run`'s routes, the classic ingest SDK with `max_client_lag` 1 s, batches"
                + " of up to 500 changes or 200 ms, Debezium polls every " + settings.pipelineSettings()
                .getOrDefault("cdc.source.poll-interval-ms", String.valueOf(CeilingRun.DEFAULT_POLL_INTERVAL_MS))
                + " ms) writing the embedded warehouse in"
                + " the same JVM; 'tasks suspended' suspends every warehouse task and dynamic table (as when the"
                + " warehouse is a remote service), 'tasks running' runs them 30 times faster than written (the"
                + " demo's `1 MINUTE` every 2 s) on the same cores; 'rows discarded' replaces the SDK by a sink that"
                + " takes every row and forgets it, so that it measures the routes' own work; 'high-performance"
                + " SDK' writes with `com.snowflake:snowpipe-streaming` through each table's default pipe instead"
                + " (`snowflake.sdk=high-performance`; its flush interval is the pipe's, 1 s); 'Snowpipe (files)'"
                + " writes each batch as a file of newline-delimited JSON, PUTs it (gzip) to an internal stage and"
                + " has a pipe per table load what is staged every " + settings.pipeInterval().toSeconds()
                + " s (`ALTER PIPE ... REFRESH` with `COPY INTO ... MATCH_BY_COLUMN_NAME`, standing in for"
                + " Snowpipe's REST call or cloud notification; the embedded warehouse loads at once, Snowflake"
                + " queues files and loads them within about a minute, so real latency is higher)\n");
        if (!settings.pipelineSettings().isEmpty()) {
            md.append("- Pipeline settings changed for this run (`--set`): `").append(settings.pipelineSettings())
                    .append("`\n");
        }
        md.append('\n');
        md.append("| machine | |\n|---|---|\n");
        environment.machine().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.isEmpty() ? "—" : v)
                .append(" |\n"));
        md.append("\n| component | version |\n|---|---|\n");
        environment.versions().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n");
    }

    private void throughput(StringBuilder md) {
        md.append("## Throughput (backlog)\n\n![throughput](performance/throughput.png)\n\n");
        results.largeBacklog().ifPresent(large -> md.append(String.format(Locale.ROOT, "A single backlog of %,d"
                        + " changes (%s) ran at %.0f changes/s with %.0f µs of CPU per change; the live heap stayed at"
                        + " most %.0f MB in a JVM with a %.0f MB max heap.%n%n", large.run().changes(),
                BenchCommand.pipelineName(true), large.run().changesPerSecond(), large.run().cpuMicrosPerChange(),
                large.run().peakHeapBytes() / 1e6, large.maxHeapBytes() / 1e6)));
        md.append("| path | changes/s median | min | max | ÷ ceiling | CPU µs/change | live heap MB | bytes sent/change |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        double ceiling = results.ceilingPerSecond();
        results.backlog().forEach((path, runs) -> md.append(String.format(Locale.ROOT,
                "| %s | %.0f | %.0f | %.0f | %.2f | %.0f | %.0f | %.0f |%n", path,
                BenchResults.median(runs, Measured::changesPerSecond), BenchResults.min(runs,
                        Measured::changesPerSecond), BenchResults.max(runs, Measured::changesPerSecond),
                BenchResults.median(runs, Measured::changesPerSecond) / ceiling,
                BenchResults.median(runs, Measured::cpuMicrosPerChange),
                BenchResults.max(runs, Measured::peakHeapBytes) / 1e6,
                BenchResults.median(runs, Measured::bytesPerChange))));
        md.append("\nChanges/s from the moment the path's source route had started until the last change was"
                + " committed by the warehouse (the ceiling: received), so a run's last flush and commit are in it."
                + " Bytes sent: the Parquet blobs the SDK uploaded, or the gzip files staged. Live heap: the most heap still in use after a"
                + " garbage collection at any 20 ms check (the JVM's max heap is above).\n\n");
    }

    private void cpu(StringBuilder md) {
        md.append("## Where the CPU goes (µs per change, median over the rounds)\n\n| thread group |");
        results.backlog().keySet().forEach(path -> md.append(' ').append(path).append(" |"));
        md.append("\n|---|");
        results.backlog().keySet().forEach(path -> md.append("---|"));
        md.append('\n');
        List<String> groups = results.backlog().values().iterator().next().get(0).cpuSecondsByThreads().keySet()
                .stream().toList();
        for (String group : groups) {
            md.append("| ").append(group).append(" |");
            results.backlog().values().forEach(runs -> md.append(String.format(Locale.ROOT, " %.0f |",
                    BenchResults.median(runs, r -> r.cpuMicrosPerChange(group)))));
            md.append('\n');
        }
        md.append("\nThread CPU from the JVM (Java threads) and from /proc (the collector, the JIT compilers, native"
                + " threads); PostgreSQL runs in processes of its own and is not in these figures.\n\n");
    }

    private void latency(StringBuilder md) {
        md.append("## Latency (paced)\n\n![latency CDF](performance/latency-cdf.png)\n\n");
        md.append("| path | rate asked | made | landed p50 | p95 | p99 | max | SCD2 p50 | p95 | p99 | max |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchResults.PacedResult paced : results.paced()) {
            PipelineRun.Paced run = paced.run();
            md.append(String.format(Locale.ROOT, "| %s | %.0f/s | %.0f/s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    paced.path(), run.targetRate(), run.achievedRate(), ms(run.landed(), 0.5),
                    ms(run.landed(), 0.95), ms(run.landed(), 0.99), ms(run.landed(), 1.0), ms(run.scd(), 0.5),
                    ms(run.scd(), 0.95), ms(run.scd(), 0.99), ms(run.scd(), 1.0)));
        }
        md.append("\nLanded: source commit time (PostgreSQL's clock) to the moment the pipeline saw the warehouse"
                + " commit the row's offset token (the pipeline's own `cdc.end.to.end.latency` timer, every change,"
                + " two significant digits). SCD2: source commit to `_APPLIED_AT` of the change's version in"
                + " `<table>_SCD`, every version (only with tasks running). A change waits for the SDK's next flush"
                + " (`max_client_lag` 1 s: half of it on average), then for its upload, its registration and the"
                + " commit poll (250 ms) that sees it; through Snowpipe (files) it waits for the pipe's next load"
                + " instead. 'made' is the rate the workload reached; the charts are"
                + " labelled with it.\n\n");
    }

    private void queries(StringBuilder md) {
        QueryTimings queries = results.queries();
        if (queries.medianMillis().isEmpty()) {
            return;
        }
        md.append("## Queries on the streamed data\n\nAfter ").append(results.largeBacklog().isPresent()
                ? "the large backlog" : "the last backlog round with the tasks running").append(", once the tasks"
                + " had caught up, on the embedded warehouse (DuckDB; Snowflake's times differ): the median of three"
                + " runs. Rows then: ");
        md.append(String.join(", ", queries.rows().entrySet().stream().map(e -> "`" + e.getKey() + "` "
                + e.getValue()).toList())).append(".\n\n| query | ms |\n|---|---|\n");
        queries.medianMillis().forEach((query, ms) -> md.append(String.format(Locale.ROOT, "| `%s` | %.0f |%n",
                query, ms)));
        md.append('\n');
    }

    private static String ms(LatencyProfile profile, double quantile) {
        return profile.isEmpty() ? "—" : String.format(Locale.ROOT, "%.0f ms", profile.at(quantile));
    }

    private void cost(StringBuilder md) {
        md.append("## Cost per million changes\n\n");
        RowBytes bytes = results.rowBytes();
        md.append(String.format(Locale.ROOT, "Measured: a RAW_CHANGES row is %.0f bytes of values (text, without"
                + " column names) and %.0f bytes as a JSON object with its column names; the classic SDK uploaded"
                + " %.0f bytes of Parquet per change. Rates are credits; multiply by your contract's price per"
                + " credit.%n%n", bytes.valueBytes(), bytes.jsonBytes(), results.backlog().entrySet().stream()
                .filter(e -> e.getKey().equals(BenchCommand.pipelineName(false))
                        || e.getKey().equals(BenchCommand.pipelineName(true))).findFirst()
                .map(e -> BenchResults.median(e.getValue(), Measured::bytesPerChange)).orElse(0.0)));
        for (double rate : settings.rates()) {
            md.append(String.format(Locale.ROOT, "At a sustained %.0f changes/s:%n%n| way of loading | credits per"
                    + " 1M changes | formula | source |%n|---|---|---|---|%n", rate));
            for (CostModel.Line line : CostModel.perMillion(bytes, rate)) {
                md.append(String.format(Locale.ROOT, "| %s | %.5f | %s | [price](%s) |%n", line.what(),
                        line.creditsPerMillion(), line.formula(), line.source()));
            }
            md.append('\n');
        }
        md.append("Prices: Snowflake's Service Consumption Table (effective 2026-03-31, ").append(CostModel
                .CONSUMPTION_TABLE).append("). The warehouse line also prices the project's own tasks and the"
                + " `CUSTOMER_METRICS` dynamic table when they run on an X-Small warehouse that their one-minute"
                + " schedule keeps resumed; serverless tasks bill compute-hours × 0.9 instead.\n");
    }
}
