package dev.snowpipecdc.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A benchmark's rates over its rounds: each path's median, min and max, and its ratio to the first path's median. */
final class Rounds {

    private Rounds() {
    }

    /** Prints a line per path; the first path (its key order) is the baseline the ratios are to. */
    static void print(Map<String, List<Double>> perSecond, String unit) {
        double base = median(perSecond.values().iterator().next());
        perSecond.forEach((name, runs) -> System.out.printf(Locale.ROOT,
                "  %-36s %s median %6.0f (ratio %.3f), min %6.0f, max %6.0f%n", name, unit, median(runs),
                median(runs) / base, runs.stream().mapToDouble(d -> d).min().orElse(0),
                runs.stream().mapToDouble(d -> d).max().orElse(0)));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
