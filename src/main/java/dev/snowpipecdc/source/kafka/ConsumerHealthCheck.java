package dev.snowpipecdc.source.kafka;

import java.util.Map;
import java.util.Optional;

import dev.snowpipecdc.delivery.DeliveryGate;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Is the consume topology's source delivering? Liveness: DOWN once delivery failed (the consumer is stopped, so
 * only a restart reads on, from what the warehouse has). Readiness: also DOWN while the consumer route has not
 * started (it starts once the warehouse schema is applied). camel-kafka's own consumer check, beside it, says
 * whether the brokers can be reached.
 */
public final class ConsumerHealthCheck extends AbstractHealthCheck {

    public static final String ID = "cdc-source";

    private final String sourceRouteId;
    private final DeliveryGate gate;

    public ConsumerHealthCheck(CamelContext context, String sourceRouteId, DeliveryGate gate) {
        super("cdc", ID);
        setCamelContext(context);
        this.sourceRouteId = sourceRouteId;
        this.gate = gate;
    }

    @Override
    public boolean isLiveness() {
        return true;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<String> failure = gate.failure();
        if (failure.isPresent()) {
            builder.down().message("Delivery failed, so the Kafka consumer is stopped until the pipeline restarts"
                    + " (it then reads each partition from what the warehouse has committed): " + failure.get());
            return;
        }
        if (options.get(HealthCheck.CHECK_KIND) == HealthCheck.Kind.LIVENESS) {
            builder.up();
            return;
        }
        ServiceStatus route = getCamelContext().getRouteController().getRouteStatus(sourceRouteId);
        if (route == null || !route.isStarted()) {
            builder.down().message("The Kafka consumer has not started yet: it starts once the warehouse schema is"
                    + " applied (route " + sourceRouteId + " is " + (route == null ? "missing" : route) + ")");
            return;
        }
        builder.up();
    }
}
