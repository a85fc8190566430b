package dev.snowpipecdc.source.kafka;

import java.util.Locale;

/**
 * The channels of changes read from Kafka: one per topic-partition (the group gives a partition to one consumer
 * at a time, so its channel has one writer), and a change's place there is its Kafka offset, zero-padded so that
 * string order is offset order.
 */
public final class PartitionChannels {

    private PartitionChannels() {
    }

    /** The channel of a topic-partition, e.g. {@code dbserver1_public_orders_3}. */
    public static String name(String topic, int partition) {
        return topic.replaceAll("[^A-Za-z0-9_]", "_") + "_" + partition;
    }

    /** The channel position of the message at {@code offset}. */
    public static String position(long offset) {
        return String.format(Locale.ROOT, "%019d", offset);
    }

    /** The Kafka offset a channel position stands for. */
    public static long offset(String position) {
        return Long.parseLong(position);
    }
}
