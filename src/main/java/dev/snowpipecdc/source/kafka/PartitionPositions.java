package dev.snowpipecdc.source.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import dev.snowpipecdc.monitoring.Meters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where this member of the group stands on each partition it reads, kept on the consumer's thread (the only one
 * that may use the consumer) as the source route hands each message on ({@link #handled}), and published by the
 * monitor-pipeline route ({@link #process}, bean {@code sourceMonitor}): the partitions assigned, how many messages
 * of each are not handled yet ({@link Meters#KAFKA_PARTITION_LAG}) and the offset the warehouse has committed on
 * its channel ({@link Meters#KAFKA_PARTITION_COMMITTED}, the acknowledgement).
 *
 * <p>It also commits the group's Kafka offsets, at most every {@code commitInterval} per partition and when a
 * partition is handed over, never past what the warehouse has committed, so that the usual tools show the group's
 * lag. They are a signal only: where a partition is read from comes from the warehouse ({@link ChannelOffsets}).
 * Commits go through the group's consumer on its own thread (it is not thread-safe).
 */
public final class PartitionPositions implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionPositions.class);

    private final SnowpipeStreamingComponent sink;
    private final String landingTable;
    private final long commitIntervalNanos;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private final MultiGauge lag;
    private final MultiGauge committed;
    private volatile Consumer<?, ?> consumer;

    /** One partition's state; written on the consumer thread, read by the monitor. */
    private static final class Partition {
        volatile long lag = -1;
        volatile long committedOffset = -1;
        long nextCheck;
        long groupOffset = -1;
    }

    public PartitionPositions(SnowpipeStreamingComponent sink, String landingTable, Duration commitInterval,
                              MeterRegistry meters) {
        this.sink = sink;
        this.landingTable = landingTable;
        this.commitIntervalNanos = commitInterval.toNanos();
        this.lag = MultiGauge.builder(Meters.KAFKA_PARTITION_LAG)
                .description("Messages of the partition this member has not handled yet").register(meters);
        this.committed = MultiGauge.builder(Meters.KAFKA_PARTITION_COMMITTED)
                .description("The partition's offset the warehouse has committed on its channel (-1: none)")
                .register(meters);
        Gauge.builder(Meters.KAFKA_PARTITIONS_ASSIGNED, partitions, Map::size)
                .description("Partitions this member of the consumer group reads").register(meters);
    }

    /** The group's consumer (from the subscribe adapter), used on its own thread only. */
    void consumer(Consumer<?, ?> groupConsumer) {
        this.consumer = groupConsumer;
    }

    void assigned(Collection<TopicPartition> assigned) {
        assigned.forEach(tp -> partitions.putIfAbsent(tp, new Partition()));
    }

    /** A message of the partition was handled (landed in a batch, skipped or dead-lettered). */
    public void handled(Exchange exchange) {
        Message in = exchange.getMessage();
        String topic = in.getHeader(KafkaConstants.TOPIC, String.class);
        Integer number = in.getHeader(KafkaConstants.PARTITION, Integer.class);
        Long offset = in.getHeader(KafkaConstants.OFFSET, Long.class);
        if (topic == null || number == null || offset == null) {
            return;
        }
        TopicPartition tp = new TopicPartition(topic, number);
        Partition partition = partitions.computeIfAbsent(tp, p -> new Partition());
        Consumer<?, ?> groupConsumer = consumer;
        if (groupConsumer != null) {
            // what was fetched and not handled yet, and what is not fetched yet (both known locally, no request)
            OptionalLong behind = groupConsumer.currentLag(tp);
            partition.lag = behind.isPresent() ? behind.getAsLong() + groupConsumer.position(tp) - offset - 1 : -1;
        }
        long now = System.nanoTime();
        if (now - partition.nextCheck < 0) {
            return;
        }
        partition.nextCheck = now + commitIntervalNanos;
        partition.committedOffset = committedOffset(tp);
        if (groupConsumer != null && partition.committedOffset + 1 > partition.groupOffset) {
            long next = partition.committedOffset + 1;
            partition.groupOffset = next;
            groupConsumer.commitAsync(Map.of(tp, new OffsetAndMetadata(next)), (offsets, error) -> {
                if (error != null) {
                    LOG.warn("Could not commit the group's offset {} of {} (a lag signal only): {}", next, tp,
                            error.getMessage());
                }
            });
        }
    }

    /**
     * The partition goes to another member, whose channel has committed {@code landed}: the group's offset follows
     * it, so that Kafka's tools see the lag the new owner starts from. On the consumer thread, in the rebalance.
     */
    void handedOver(TopicPartition tp, Optional<String> landed) {
        Consumer<?, ?> groupConsumer = consumer;
        Partition partition = partitions.remove(tp);
        if (groupConsumer == null || landed.isEmpty()) {
            return;
        }
        long next = PartitionChannels.offset(landed.get()) + 1;
        if (partition != null && next <= partition.groupOffset) {
            return;
        }
        try {
            groupConsumer.commitSync(Map.of(tp, new OffsetAndMetadata(next)));
        } catch (RuntimeException e) {
            LOG.warn("Could not commit the group's offset {} of {} (a lag signal only): {}", next, tp, e.getMessage());
        }
    }

    /** The offset the warehouse has committed on the partition's channel, as last seen; -1 for none. */
    private long committedOffset(TopicPartition tp) {
        return sink.knownCommittedOffsetToken(landingTable, PartitionChannels.name(tp.topic(), tp.partition()))
                .map(PartitionChannels::offset).orElse(-1L);
    }

    /** Publishes the partitions' meters (monitor-pipeline route). */
    @Override
    public void process(Exchange exchange) {
        partitions.forEach((tp, partition) -> partition.committedOffset = committedOffset(tp));
        List<MultiGauge.Row<?>> lags = partitions.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(tags(e.getKey()), e.getValue(), p -> p.lag)).toList();
        List<MultiGauge.Row<?>> positions = partitions.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(tags(e.getKey()), e.getValue(),
                        p -> p.committedOffset)).toList();
        lag.register(lags, true);
        committed.register(positions, true);
    }

    private static Tags tags(TopicPartition tp) {
        return Tags.of(Meters.TOPIC, tp.topic(), Meters.PARTITION, String.valueOf(tp.partition()));
    }
}
