package dev.snowpipecdc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

/**
 * A latency distribution at fixed quantiles (enough points to draw its CDF): from the pipeline's own timer, whose
 * percentiles the benchmark configures ({@link #QUANTILES}, two significant digits), or from measured values.
 */
public record LatencyProfile(long count, double[] quantiles, double[] millis) {

    /** The points of the CDF; 1.0 is the maximum. */
    static final double[] QUANTILES = {0.01, 0.05, 0.10, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80, 0.90, 0.95,
            0.99, 0.999, 1.0};

    static final LatencyProfile EMPTY = new LatencyProfile(0, new double[0], new double[0]);

    static LatencyProfile of(Timer timer) {
        ValueAtPercentile[] values = timer.takeSnapshot().percentileValues();
        double[] quantiles = new double[values.length];
        double[] millis = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            quantiles[i] = values[i].percentile();
            millis[i] = values[i].value(TimeUnit.MILLISECONDS);
        }
        return new LatencyProfile(timer.count(), quantiles, millis);
    }

    /** Nearest-rank quantiles of measured values. */
    static LatencyProfile ofMillis(List<Double> measured) {
        if (measured.isEmpty()) {
            return EMPTY;
        }
        List<Double> sorted = new ArrayList<>(measured);
        sorted.sort(null);
        double[] millis = new double[QUANTILES.length];
        for (int i = 0; i < QUANTILES.length; i++) {
            int rank = (int) Math.max(0, Math.ceil(QUANTILES[i] * sorted.size()) - 1);
            millis[i] = sorted.get(Math.min(rank, sorted.size() - 1));
        }
        return new LatencyProfile(sorted.size(), QUANTILES.clone(), millis);
    }

    /** The latency at a quantile the profile has (0.5, 0.95, 0.99, 1.0 for the maximum); NaN when it has none. */
    public double at(double quantile) {
        for (int i = 0; i < quantiles.length; i++) {
            if (Math.abs(quantiles[i] - quantile) < 1e-9) {
                return millis[i];
            }
        }
        return Double.NaN;
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
