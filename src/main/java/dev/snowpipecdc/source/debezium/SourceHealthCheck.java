package dev.snowpipecdc.source.debezium;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.snowpipecdc.delivery.DeliveryGate;
import dev.snowpipecdc.monitoring.SourceSlot;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Is the source delivering? Readiness: DOWN while delivery has failed, the source route has not started, Debezium's
 * engine is not running (it stopped, or restarts after losing its connection) or takes its initial snapshot, the
 * source database cannot be reached or the replication slot has no reader. Liveness (only a restart helps): DOWN once delivery failed, or
 * once the engine has not been running for {@code engineDownLimit}.
 */
public final class SourceHealthCheck extends AbstractHealthCheck {

    public static final String ID = "cdc-source";

    private final String sourceRouteId;
    private final DeliveryGate gate;
    private final DebeziumEngine engine;
    private final SourceSlot slot;
    private final Duration engineDownLimit;
    private final Clock clock;
    private Instant engineDownSince;

    public SourceHealthCheck(CamelContext context, String sourceRouteId, DeliveryGate gate, DebeziumEngine engine,
                             SourceSlot slot, Duration engineDownLimit, Clock clock) {
        super("cdc", ID);
        setCamelContext(context);
        this.sourceRouteId = sourceRouteId;
        this.gate = gate;
        this.engine = engine;
        this.slot = slot;
        this.engineDownLimit = engineDownLimit;
        this.clock = clock;
    }

    @Override
    public boolean isLiveness() {
        // Camel's checks answer readiness only unless they say otherwise
        return true;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<String> failure = gate.failure();
        if (failure.isPresent()) {
            builder.down().message("Delivery failed, so the source is stopped until the pipeline restarts: "
                    + failure.get());
            return;
        }
        ServiceStatus route = getCamelContext().getRouteController().getRouteStatus(sourceRouteId);
        boolean started = route != null && route.isStarted();
        Optional<Duration> engineDown = engineDownFor(started);
        if (options.get(HealthCheck.CHECK_KIND) == HealthCheck.Kind.LIVENESS) {
            if (engineDown.isPresent() && engineDown.get().compareTo(engineDownLimit) >= 0) {
                builder.down().message("Debezium has not been running for " + engineDown.get().toSeconds()
                        + " s (limit " + engineDownLimit.toSeconds() + " s); a restart starts it again");
            } else {
                builder.up();
            }
            return;
        }
        builder.detail("slot", slot.name());
        if (!started) {
            builder.down().message("The source has not started yet: it starts once the warehouse schema is applied"
                    + " (route " + sourceRouteId + " is " + (route == null ? "missing" : route) + ")");
            return;
        }
        if (engineDown.isPresent()) {
            builder.down().message("Debezium is not running (for " + engineDown.get().toSeconds() + " s): it is"
                    + " starting, reconnecting after an error such as a lost connection, or has stopped; see the log");
            return;
        }
        if (engine.snapshotting()) {
            builder.down().message("Debezium is taking the initial snapshot of the captured tables; streaming"
                    + " starts once it is done");
            return;
        }
        try {
            Optional<SourceSlot.State> state = slot.read();
            if (state.isEmpty()) {
                builder.down().message("Replication slot " + slot.name() + " does not exist yet");
            } else if (!state.get().active()) {
                builder.down().message("Replication slot " + slot.name() + " has no reader: Debezium is not"
                        + " connected to PostgreSQL");
            } else {
                builder.detail("slot.lag.bytes", state.get().lagBytes());
                builder.up();
            }
        } catch (SQLException e) {
            builder.down().message("Cannot reach the source database: " + e.getMessage());
        }
    }

    /**
     * How long the engine has not been running while the source route was started; not counted before the route
     * starts (the schema is applied first, which may wait for the warehouse), so liveness does not restart a
     * pipeline that is still starting.
     */
    private synchronized Optional<Duration> engineDownFor(boolean routeStarted) {
        if (engine.running() || !routeStarted) {
            engineDownSince = null;
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (engineDownSince == null) {
            engineDownSince = now;
        }
        return Optional.of(Duration.between(engineDownSince, now));
    }
}
