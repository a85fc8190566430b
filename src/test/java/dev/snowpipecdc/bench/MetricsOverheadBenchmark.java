package dev.snowpipecdc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import dev.snowpipecdc.demo.DemoCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the observability costs: the demo's throughput (events/s, every change landed) with metrics on as shipped
 * (Camel's route meters, the management HTTP server, the monitor and quality routes), with the monitoring routes
 * off, and the baseline with all of it off (only the pipeline's own counters, which its reconciliation needs),
 * measured in the same JVM, each round in another order, so that warm-up and machine noise fall on all alike.
 * Not part of {@code mvn verify} (its name does not end in Test); run it with
 * {@code mvn -B test -Dtest=MetricsOverheadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.rounds=N -Dbench.events=M -Dbench.warm-ups=W} to change its size, {@code -Dbench.rate=R} to make
 * changes at R per second instead of as fast as PostgreSQL takes them).
 */
class MetricsOverheadBenchmark {

    private static final Map<String, String> MONITORING_OFF = Map.of(
            "cdc.monitor.warehouse-interval-ms", "3600000",
            "cdc.monitor.pipeline-interval-ms", "3600000",
            "cdc.quality.interval-ms", "3600000");
    private static final Map<String, String> ALL_OFF = Map.of(
            "camel.metrics.enabled", "false",
            "camel.management.enabled", "false",
            "cdc.monitor.warehouse-interval-ms", "3600000",
            "cdc.monitor.pipeline-interval-ms", "3600000",
            "cdc.quality.interval-ms", "3600000");

    private static final OperatingSystemMXBean CPU =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** A way to run the demo: what is switched off. */
    private record Variant(String name, Map<String, String> overrides) {
    }

    @TempDir
    Path dir;

    @Test
    void measure_demo_throughput_with_and_without_metrics() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 4);
        String events = System.getProperty("bench.events", "40000");
        String rate = System.getProperty("bench.rate", "0");
        Variant baseline = new Variant("baseline: metrics off", ALL_OFF);
        List<Variant> variants = List.of(baseline,
                new Variant("/observe + Camel route meters, monitors off", MONITORING_OFF),
                new Variant("all on, as the demo ships", Map.of()),
                new Variant("all on, warehouse monitor every 5 s", Map.of("cdc.monitor.warehouse-interval-ms",
                        "5000")));
        int warmUps = Integer.getInteger("bench.warm-ups", 2);
        for (int warmUp = 0; warmUp < warmUps; warmUp++) {
            demo(events, rate, variants.get(warmUp % variants.size()), "warm-up " + warmUp);
        }
        Map<Variant, List<Run>> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            // each round in another order, so that no variant always runs first or last
            List<Variant> order = new ArrayList<>(variants);
            Collections.rotate(order, round);
            for (Variant variant : order) {
                results.get(variant).add(demo(events, rate, variant, "round " + round));
            }
        }
        double baseRate = median(results.get(baseline), Run::perSecond);
        double baseCpu = median(results.get(baseline), Run::cpuMicrosPerEvent);
        System.out.printf(Locale.ROOT, "%nMetricsOverheadBenchmark: demo --events %s --rate %s, %d runs each (JVM CPU"
                + " time: the embedded warehouse included, PostgreSQL not)%n", events, rate, rounds);
        results.forEach((variant, runs) -> System.out.printf(Locale.ROOT,
                "  %-46s events/s median %5.0f (ratio %.3f) %s; CPU us/event median %4.0f (ratio %.3f)%n",
                variant.name(), median(runs, Run::perSecond), median(runs, Run::perSecond) / baseRate,
                runs.stream().map(r -> Math.round(r.perSecond())).toList(), median(runs, Run::cpuMicrosPerEvent),
                median(runs, Run::cpuMicrosPerEvent) / baseCpu));
    }

    /** One demo run: its events per second, and the JVM's CPU time per event in microseconds. */
    private record Run(double perSecond, double cpuMicrosPerEvent) {
    }

    private Run demo(String events, String rate, Variant variant, String label) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long cpuBefore = CPU.getProcessCpuTime();
        int code = DemoCommand.run(List.of("--events", events, "--rate", rate, "--json", "--data-dir",
                dir.resolve(label.replace(' ', '-') + "-" + Math.abs(variant.name().hashCode())).toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), variant.overrides());
        double cpuMicrosPerEvent = (CPU.getProcessCpuTime() - cpuBefore) / 1e3 / Long.parseLong(events);
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).strip().lines().toList();
        JsonNode report = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        double perSecond = report.get("events_per_second").asDouble();
        System.out.printf(Locale.ROOT, "MetricsOverheadBenchmark %s, %s: %.0f events/s, %.0f us CPU per event,"
                + " latency p50 %.0f ms p99 %.0f ms%n", label, variant.name(), perSecond, cpuMicrosPerEvent,
                report.get("latency_ms").get("p50").asDouble(), report.get("latency_ms").get("p99").asDouble());
        return new Run(perSecond, cpuMicrosPerEvent);
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        List<Double> sorted = runs.stream().map(value::applyAsDouble).sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
