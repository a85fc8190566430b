package dev.snowpipecdc.delivery;

import java.time.Duration;
import java.util.Optional;

import dev.snowpipecdc.batch.OpenBatches;
import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import dev.snowpipecdc.routes.Endpoints;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the source back to what the warehouse has committed. Before the source may record its position (Debezium
 * saving its offsets, which also moves the replication slot), {@link #awaitDelivered} sends every batch the table
 * routes are still collecting and waits until the warehouse has committed every row handed to it, dead letters
 * included. Once anything could not be delivered ({@link #fail}), the position never moves again in this process
 * and the source is stopped: a restart replays from the last position whose changes are all in the warehouse, and
 * the channels' committed tokens drop what had landed.
 */
public final class DeliveryGate {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryGate.class);

    private final CamelContext context;
    private final SnowpipeStreamingComponent sink;
    private final Duration timeout;
    private final OpenBatches openBatches;
    private volatile String failure;

    /** @param timeout how long one wait for the warehouse may take before the source is told "not yet" */
    public DeliveryGate(CamelContext context, SnowpipeStreamingComponent sink, Duration timeout) {
        this.context = context;
        this.sink = sink;
        this.timeout = timeout;
        this.openBatches = new OpenBatches(context);
    }

    /**
     * Returns once everything handed to the table routes so far is committed in the warehouse (landed or
     * dead-lettered).
     *
     * @throws IllegalStateException when something could not be delivered, or was not committed in time
     */
    public void awaitDelivered() {
        requireNoFailure();
        openBatches.send();
        requireNoFailure();
        try {
            sink.awaitAllCommitted(timeout);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The warehouse has not committed everything yet: " + e.getMessage(), e);
        }
        requireNoFailure();
    }

    /** Something could not be delivered: the source position stays where it is, and the source stops. */
    public void fail(String reason) {
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = reason;
        }
        LOG.error("Delivery failed, stopping the source so that nothing after it is skipped (a restart replays from"
                + " the last position the warehouse has): {}", reason);
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

    /** Why delivery failed, if it did (here or in a channel that gave up). */
    public Optional<String> failure() {
        return Optional.ofNullable(failure).or(sink::failure);
    }

    private void requireNoFailure() {
        Optional<String> failed = failure();
        if (failed.isPresent()) {
            throw new IllegalStateException("Delivery failed earlier, the source position stays: " + failed.get());
        }
    }
}
