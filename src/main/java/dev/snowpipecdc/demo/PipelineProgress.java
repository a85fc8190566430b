package dev.snowpipecdc.demo;

import java.util.Map;
import java.util.TreeMap;

import dev.snowpipecdc.monitoring.Meters;
import dev.snowpipecdc.monitoring.Reconciliation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Where the pipeline stands, read from its meters (the numbers /observe/metrics serves): changes captured by table
 * and op, the run's reconciliation, dead letters by reason, end-to-end latency and lag.
 */
record PipelineProgress(ChangeTally captured, Reconciliation.Counts counts, Map<String, Long> deadLettersByReason,
                        LatencySnapshot latency, double lagSeconds) {

    static PipelineProgress of(MeterRegistry registry, Reconciliation reconciliation) {
        ChangeTally captured = new ChangeTally();
        for (Counter counter : registry.find(Meters.EVENTS).counters()) {
            captured.add(counter.getId().getTag(Meters.TABLE), counter.getId().getTag(Meters.OP),
                    (long) counter.count());
        }
        Map<String, Long> deadLetters = new TreeMap<>();
        for (Counter counter : registry.find(Meters.DEAD_LETTERS).counters()) {
            if (counter.count() > 0) {
                deadLetters.merge(counter.getId().getTag(Meters.REASON), (long) counter.count(), Long::sum);
            }
        }
        Gauge lag = registry.find(Meters.END_TO_END_LAG).gauge();
        return new PipelineProgress(captured, reconciliation.counts(), deadLetters, LatencySnapshot.of(registry),
                lag == null ? 0 : lag.value());
    }

    /** Every one of {@code made} changes has landed or been dead-lettered, and nothing handed in is pending. */
    boolean accountsFor(long made) {
        return counts.landed() + counts.deadLettered() >= made && counts.pending() == 0;
    }
}
