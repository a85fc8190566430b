package dev.snowpipecdc.source;

import dev.snowpipecdc.Settings;
import dev.snowpipecdc.delivery.DeliveryGate;
import dev.snowpipecdc.monitoring.SourceSlot;
import org.apache.camel.CamelContext;

/**
 * Binds a topology's source as one unit into the registry: its parser (bean {@code changeParser}, a
 * {@link dev.snowpipecdc.change.ChangeParser}), its acknowledgement (how it learns from the {@link DeliveryGate}
 * what the warehouse has committed before it records its position) and its health check. Its route file is named
 * by the topology (routes/Topology).
 */
@FunctionalInterface
public interface SourceBinder {

    /**
     * @param gate     what the warehouse has committed
     * @param slot     the source database's replication slot, for a source that reads one
     */
    void bind(CamelContext context, Settings settings, DeliveryGate gate, SourceSlot slot);
}
