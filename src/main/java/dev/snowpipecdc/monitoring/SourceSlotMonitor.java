package dev.snowpipecdc.monitoring;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Publishes the replication slot's state: {@link Meters#SOURCE_CONNECTED}, {@link Meters#SOURCE_LAG_BYTES} and
 * {@link Meters#SOURCE_LAG} (seconds). While no reader is attached the seconds are unknown and not published.
 */
public final class SourceSlotMonitor extends MonitorPoll {

    private final SourceSlot slot;
    private final MultiGauge connected;
    private final MultiGauge lagBytes;
    private final MultiGauge lagSeconds;

    public SourceSlotMonitor(SourceSlot slot, MeterRegistry registry) {
        super("source", registry);
        this.slot = slot;
        this.connected = MultiGauge.builder(Meters.SOURCE_CONNECTED)
                .description("1 while Debezium reads the replication slot").register(registry);
        this.lagBytes = MultiGauge.builder(Meters.SOURCE_LAG_BYTES).baseUnit("bytes")
                .description("WAL the replication slot holds that the pipeline has not confirmed").register(registry);
        this.lagSeconds = MultiGauge.builder(Meters.SOURCE_LAG).baseUnit("seconds")
                .description("Flush lag of the replication slot's reader (0 when caught up)").register(registry);
    }

    @Override
    protected void poll() throws SQLException {
        Optional<SourceSlot.State> state = slot.read();
        Tags tags = Tags.of(Meters.SLOT, slot.name());
        connected.register(List.of(MultiGauge.Row.of(tags, state.map(s -> s.active() ? 1 : 0).orElse(0))), true);
        lagBytes.register(state.map(s -> List.<MultiGauge.Row<?>>of(MultiGauge.Row.of(tags, s.lagBytes())))
                .orElse(List.of()), true);
        lagSeconds.register(state.filter(s -> s.lagSeconds().isPresent())
                .map(s -> List.<MultiGauge.Row<?>>of(MultiGauge.Row.of(tags, s.lagSeconds().getAsDouble())))
                .orElse(List.of()), true);
    }
}
