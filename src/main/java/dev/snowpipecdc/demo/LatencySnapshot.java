package dev.snowpipecdc.demo;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.snowpipecdc.monitoring.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

/** Latency percentiles: end to end as the pipeline's own timer reports them, or of measured values. */
public record LatencySnapshot(long count, double p50Ms, double p95Ms, double p99Ms) {

    /** Nearest-rank percentiles of measured latencies. */
    static LatencySnapshot ofMillis(List<Double> millis) {
        if (millis.isEmpty()) {
            return new LatencySnapshot(0, 0, 0, 0);
        }
        List<Double> sorted = millis.stream().sorted().toList();
        return new LatencySnapshot(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99));
    }

    private static double rank(List<Double> sorted, double percentile) {
        return sorted.get((int) Math.max(0, Math.ceil(percentile * sorted.size()) - 1));
    }

    static LatencySnapshot of(MeterRegistry registry) {
        Timer timer = registry.find(Meters.END_TO_END_LATENCY).timer();
        if (timer == null) {
            return new LatencySnapshot(0, 0, 0, 0);
        }
        HistogramSnapshot snapshot = timer.takeSnapshot();
        double p50 = 0;
        double p95 = 0;
        double p99 = 0;
        for (ValueAtPercentile v : snapshot.percentileValues()) {
            double ms = v.value(TimeUnit.MILLISECONDS);
            if (v.percentile() == 0.5) {
                p50 = ms;
            } else if (v.percentile() == 0.95) {
                p95 = ms;
            } else if (v.percentile() == 0.99) {
                p99 = ms;
            }
        }
        return new LatencySnapshot(snapshot.count(), p50, p95, p99);
    }
}
