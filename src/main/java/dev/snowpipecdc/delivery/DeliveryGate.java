package dev.snowpipecdc.delivery;

import java.util.Optional;

/**
 * Holds the source back to what its destination has acknowledged: the source records its position (Debezium saving
 * its offsets, which also moves the replication slot; a consumer's partition positions) only once
 * {@link #awaitDelivered} has returned, so that a restart replays everything not yet delivered. The warehouse
 * ({@link WarehouseDelivery}) and Kafka (the publish topology's) are the destinations.
 */
public interface DeliveryGate {

    /**
     * Returns once everything handed on by the source so far is acknowledged by the destination.
     *
     * @throws IllegalStateException when something could not be delivered, or was not acknowledged in time
     */
    void awaitDelivered();

    /** Something could not be delivered: the source position stays where it is, and the source stops. */
    void fail(String reason);

    /** Why delivery failed, if it did. */
    Optional<String> failure();
}
