package dev.snowpipecdc.source;

import dev.snowpipecdc.Settings;
import dev.snowpipecdc.delivery.DeliveryGate;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;

/**
 * Binds a topology's source as one unit into the registry: its parser (bean {@code changeParser}, a
 * {@link dev.snowpipecdc.change.ChangeParser}), its acknowledgement (how it learns from the {@link DeliveryGate}
 * what the warehouse has committed before it records its position), its health check and its meters (bean
 * {@code sourceMonitor}, which the monitor-pipeline route calls). Its route file is named by the topology
 * (routes/Topology).
 */
@FunctionalInterface
public interface SourceBinder {

    /**
     * @param gate   what the warehouse has committed
     * @param meters where its meters go
     */
    void bind(CamelContext context, Settings settings, DeliveryGate gate, MeterRegistry meters);
}
