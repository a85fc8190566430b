package dev.snowpipecdc.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snowpipecdc.monitoring.Reconciliation;

/** The demo's progress lines and final report; with --json the last line is one JSON object. */
final class DemoReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private String json;

    DemoReport(PrintStream out) {
        this.out = out;
    }

    void line(String text) {
        out.println(text);
    }

    /** Prints the JSON summary, if the run asked for one and got that far. */
    void printJson() {
        if (json != null) {
            out.println(json);
        }
    }

    void progress(double elapsedSeconds, ChangeTally made, PipelineProgress now) {
        Reconciliation.Counts counts = now.counts();
        out.printf(Locale.ROOT, "[%6.1fs] made %d | captured %d, landed %d (%.0f/s), dead-lettered %d, pending %d"
                        + " | %s | latency p50 %.0f ms p95 %.0f ms p99 %.0f ms, lag %.1f s%n", elapsedSeconds,
                made.total(), counts.in(), counts.landed(), counts.landed() / elapsedSeconds, counts.deadLettered(),
                counts.pending(), now.captured(), now.latency().p50Ms(), now.latency().p95Ms(),
                now.latency().p99Ms(), now.lagSeconds());
    }

    void timedOut(Duration timeout, ChangeTally made, PipelineProgress now) {
        Reconciliation.Counts counts = now.counts();
        out.println("Timed out: " + (made.total() - counts.landed() - counts.deadLettered()) + " of " + made.total()
                + " changes neither landed nor were dead-lettered within " + timeout.toSeconds()
                + " s after the workload ended.");
        out.println("  made:     " + made);
        out.println("  captured: " + now.captured() + " (landed " + counts.landed() + ", dead-lettered "
                + counts.deadLettered() + ", pending " + counts.pending() + ")");
        out.println("  See the log above for the reason; the DEAD_LETTERS table holds changes that were refused.");
    }

    /** What the warehouse holds, counted there: RAW_CHANGES by table and op, and DEAD_LETTERS by reason. */
    record WarehouseCounts(ChangeTally landed, Map<String, Long> deadLettersByReason) {

        /**
         * Changes dead-lettered instead of landing. Rows the warehouse's parse task dead-letters
         * ({@link LandedChanges#WAREHOUSE_REASON}) are not among them: those changes landed in RAW_CHANGES first.
         */
        long deadLettered() {
            return deadLettersByReason.entrySet().stream()
                    .filter(e -> !e.getKey().equals(LandedChanges.WAREHOUSE_REASON))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    void summary(double seconds, ChangeTally made, PipelineProgress pipeline, WarehouseCounts inWarehouse,
                 boolean reconciled, WarehouseVerification.Outcome warehouse, boolean asJson, Path dataDir)
            throws JsonProcessingException {
        Reconciliation.Counts counts = pipeline.counts();
        LatencySnapshot latency = pipeline.latency();
        double perSecond = counts.landed() / seconds;
        out.println();
        out.println(counts.landed() + " of " + made.total() + " changes landed in RAW_CHANGES in "
                + String.format(Locale.ROOT, "%.1f s (%.0f changes/s)", seconds, perSecond));
        out.println("  captured by table/op: " + pipeline.captured());
        out.println("  dead-lettered:        " + counts.deadLettered() + " " + pipeline.deadLettersByReason());
        out.println("  reconciled:           " + (reconciled ? "yes" : "NO") + " (pipeline meters: in "
                + counts.in() + " = landed " + counts.landed() + " + dead-lettered " + counts.deadLettered()
                + ", pending " + counts.pending() + "; made " + made.total() + "; counted in the warehouse:"
                + " RAW_CHANGES " + inWarehouse.landed().total() + ", DEAD_LETTERS " + inWarehouse.deadLettered()
                + ")");
        out.println(String.format(Locale.ROOT, "  end-to-end latency (source commit -> warehouse commit), %d changes:"
                + " p50 %.0f ms, p95 %.0f ms, p99 %.0f ms", latency.count(), latency.p50Ms(), latency.p95Ms(),
                latency.p99Ms()));
        out.println("Warehouse after its tasks caught up: current-state tables "
                + (warehouse.tablesMatchSource() ? "equal" : "DIFFER FROM") + " the source, CUSTOMER_METRICS "
                + (warehouse.metricsMatchSource() ? "equals" : "DIFFERS FROM") + " the source aggregate, "
                + warehouse.qualityViolations() + " quality violations");
        out.println(String.format(Locale.ROOT, "  source commit -> SCD Type 2 version, %d versions: p50 %.0f ms,"
                + " p95 %.0f ms, p99 %.0f ms", warehouse.scdLatency().count(), warehouse.scdLatency().p50Ms(),
                warehouse.scdLatency().p95Ms(), warehouse.scdLatency().p99Ms()));
        warehouse.problems().forEach(problem -> out.println("  problem: " + problem));
        out.println("  inspect: java -jar target/snowpipe-cdc.jar sql --data-dir " + dataDir
                + " \"SELECT TABLE_NAME, OPERATION, COUNT(*) FROM RAW_CHANGES GROUP BY 1, 2\"");
        if (asJson) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("changes_made", made.total());
            report.put("changes_landed", counts.landed());
            report.put("dead_lettered", counts.deadLettered());
            report.put("reconciled", reconciled);
            report.put("dead_letters_by_reason", pipeline.deadLettersByReason());
            Map<String, Object> meters = new LinkedHashMap<>();
            meters.put("in", counts.in());
            meters.put("landed", counts.landed());
            meters.put("dead_lettered", counts.deadLettered());
            meters.put("pending", counts.pending());
            report.put("pipeline_reconciliation", meters);
            Map<String, Object> counted = new LinkedHashMap<>();
            counted.put("raw_changes", inWarehouse.landed().total());
            counted.put("dead_letters", inWarehouse.deadLettered());
            counted.put("dead_letters_by_reason", inWarehouse.deadLettersByReason());
            report.put("warehouse_counts", counted);
            report.put("latency_ms", percentiles(latency));
            report.put("tables_match_source", warehouse.tablesMatchSource());
            report.put("quality_violations", warehouse.qualityViolations());
            report.put("metrics_match_source", warehouse.metricsMatchSource());
            report.put("scd_latency_ms", percentiles(warehouse.scdLatency()));
            report.put("events_per_second", round(perSecond));
            report.put("duration_seconds", round(seconds));
            report.put("captured_by_table_op", new TreeMap<>(pipeline.captured().snapshot()));
            report.put("landed_by_table_op", new TreeMap<>(inWarehouse.landed().snapshot()));
            report.put("data_dir", dataDir.toAbsolutePath().toString());
            json = JSON.writeValueAsString(report);
        }
    }

    private static Map<String, Object> percentiles(LatencySnapshot latency) {
        Map<String, Object> percentiles = new LinkedHashMap<>();
        percentiles.put("p50", round(latency.p50Ms()));
        percentiles.put("p95", round(latency.p95Ms()));
        percentiles.put("p99", round(latency.p99Ms()));
        return percentiles;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
