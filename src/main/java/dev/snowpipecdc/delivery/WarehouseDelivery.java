package dev.snowpipecdc.delivery;

import java.time.Duration;
import java.util.Optional;

import dev.snowpipecdc.batch.OpenBatches;
import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import org.apache.camel.CamelContext;

/**
 * The delivery gate of the topologies that write to the warehouse: holds the source back to what the warehouse has
 * committed. Before the source may record its position (Debezium
 * saving its offsets, which also moves the replication slot), {@link #awaitDelivered} sends every batch the table
 * routes are still collecting and waits until the warehouse has committed every row handed to it, dead letters
 * included. Once anything could not be delivered ({@link #fail}), the position never moves again in this process
 * and the source is stopped: a restart replays from the last position whose changes are all in the warehouse, and
 * the channels' committed tokens drop what had landed.
 */
public final class WarehouseDelivery implements DeliveryGate {

    private final SnowpipeStreamingComponent sink;
    private final Duration timeout;
    private final OpenBatches openBatches;
    private final DeliveryFailure failure;

    /** @param timeout how long one wait for the warehouse may take before the source is told "not yet" */
    public WarehouseDelivery(CamelContext context, SnowpipeStreamingComponent sink, Duration timeout) {
        this.sink = sink;
        this.timeout = timeout;
        this.openBatches = new OpenBatches(context);
        this.failure = new DeliveryFailure(context, "the warehouse");
    }

    /**
     * Returns once everything handed to the table routes so far is committed in the warehouse (landed or
     * dead-lettered).
     *
     * @throws IllegalStateException when something could not be delivered, or was not committed in time
     */
    @Override
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

    @Override
    public void fail(String reason) {
        failure.record(reason);
    }

    /** Why delivery failed, if it did (here or in a channel that gave up). */
    @Override
    public Optional<String> failure() {
        return failure.reason().or(sink::failure);
    }

    private void requireNoFailure() {
        Optional<String> failed = failure();
        if (failed.isPresent()) {
            throw new IllegalStateException("Delivery failed earlier, the source position stays: " + failed.get());
        }
    }
}
