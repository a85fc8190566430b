package dev.snowpipecdc.delivery;

import java.util.Optional;

import dev.snowpipecdc.routes.Endpoints;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first thing a gate could not deliver, kept for good: once recorded, the source route is stopped, so that no
 * position after it is ever saved and a restart replays from the last position whose changes were all delivered.
 */
public final class DeliveryFailure {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryFailure.class);

    private final CamelContext context;
    private final String destination;
    private volatile String reason;

    /** @param destination what could not take the changes, for the log: "the warehouse", "Kafka" */
    public DeliveryFailure(CamelContext context, String destination) {
        this.context = context;
        this.destination = destination;
    }

    public void record(String reason) {
        synchronized (this) {
            if (this.reason != null) {
                return;
            }
            this.reason = reason;
        }
        LOG.error("Delivery to {} failed, stopping the source so that nothing after it is skipped (a restart replays"
                + " from the last position {} has): {}", destination, destination, reason);
        // not on the caller's thread: that may be the source's own, which the stop waits for
        Thread stopper = new Thread(() -> {
            try {
                context.getRouteController().stopRoute(Endpoints.SOURCE_ROUTE_ID);
            } catch (Exception e) {
                LOG.error("Could not stop the source route: {}", e.getMessage());
            }
        }, "snowpipe-cdc-stop-source");
        stopper.setDaemon(true);
        stopper.start();
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** @throws IllegalStateException once anything has failed */
    public void requireNone() {
        if (reason != null) {
            throw new IllegalStateException("Delivery failed earlier, the source position stays: " + reason);
        }
    }
}
