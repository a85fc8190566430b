package dev.snowpipecdc.monitoring;

import java.util.Locale;

import dev.snowpipecdc.deadletter.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Accounts for every change handed to the pipeline in this run: each one is landed (committed in the landing
 * table, now or before a restart) or dead-lettered, so {@code in = landed + dead-lettered + pending}, and pending
 * is 0 once the pipeline is idle. Read from the meters the parts already keep, published as gauges.
 *
 * <p>In: changes parsed ({@link Meters#EVENTS}) and messages that could not be parsed as changes. Landed: rows
 * the landing table's channels had committed ({@link Meters#ROWS_COMMITTED}) or found committed before
 * ({@link Meters#ROWS_ALREADY_COMMITTED}). Dead-lettered: {@link Meters#DEAD_LETTERS}, every reason. A replay
 * after a source restart counts again on both sides.
 */
public final class Reconciliation {

    private final MeterRegistry registry;
    private final String landingTable;

    public Reconciliation(MeterRegistry registry, String landingTable) {
        this.registry = registry;
        this.landingTable = landingTable.toUpperCase(Locale.ROOT);
    }

    /** Publishes the four gauges. */
    public Reconciliation register() {
        Gauge.builder(Meters.RECONCILIATION_IN, this, r -> r.counts().in())
                .description("Changes handed to the pipeline in this run").register(registry);
        Gauge.builder(Meters.RECONCILIATION_LANDED, this, r -> r.counts().landed())
                .description("Changes of this run committed in the landing table").register(registry);
        Gauge.builder(Meters.RECONCILIATION_DEAD_LETTERED, this, r -> r.counts().deadLettered())
                .description("Changes of this run dead-lettered").register(registry);
        Gauge.builder(Meters.RECONCILIATION_PENDING, this, r -> r.counts().pending())
                .description("Changes of this run neither landed nor dead-lettered yet").register(registry);
        return this;
    }

    public Counts counts() {
        double in = sum(Meters.EVENTS, null, null)
                + sum(Meters.DEAD_LETTERS, Meters.REASON, DeadLetters.MALFORMED);
        double landed = sum(Meters.ROWS_COMMITTED, Meters.TARGET, landingTable)
                + sum(Meters.ROWS_ALREADY_COMMITTED, Meters.TARGET, landingTable);
        double deadLettered = sum(Meters.DEAD_LETTERS, null, null);
        return new Counts((long) in, (long) landed, (long) deadLettered);
    }

    private double sum(String name, String tag, String value) {
        var search = registry.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The run's changes: handed in, landed, dead-lettered. */
    public record Counts(long in, long landed, long deadLettered) {

        public long pending() {
            return in - landed - deadLettered;
        }

        public boolean reconciled() {
            return pending() == 0;
        }
    }
}
