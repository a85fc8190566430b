package dev.snowpipecdc.source.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import dev.snowpipecdc.batch.OpenBatches;
import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import dev.snowpipecdc.delivery.DeliveryGate;
import org.apache.camel.component.kafka.consumer.support.subcription.DefaultSubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.SubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.TopicInfo;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands partitions over when the group moves them: camel-kafka subscribes through a registry bean named
 * {@code subscribeAdapter} when there is one, and this one wraps Camel's rebalance listener. Before a partition
 * goes to another member (revoked, or lost), its open batches are sent, the warehouse is given up to the commit
 * timeout to commit them, and its channel is closed and forgotten here, so that this process neither writes to the
 * channel behind its next owner's back nor keeps a position it no longer has. Assignment is Camel's (the offset
 * repository, {@link ChannelOffsets}, says where to start). Runs on the consumer's thread, inside its poll.
 */
public final class PartitionHandover implements SubscribeAdapter {

    /** The registry name camel-kafka looks up. */
    public static final String BEAN = "subscribeAdapter";

    private static final Logger LOG = LoggerFactory.getLogger(PartitionHandover.class);

    private final OpenBatches batches;
    private final SnowpipeStreamingComponent sink;
    private final String landingTable;
    private final Duration commitTimeout;
    private final PartitionPositions positions;
    private final DeliveryGate gate;

    public PartitionHandover(OpenBatches batches, SnowpipeStreamingComponent sink, String landingTable,
                             Duration commitTimeout, PartitionPositions positions, DeliveryGate gate) {
        this.batches = batches;
        this.sink = sink;
        this.landingTable = landingTable;
        this.commitTimeout = commitTimeout;
        this.positions = positions;
        this.gate = gate;
    }

    @Override
    public void subscribe(Consumer<?, ?> consumer, ConsumerRebalanceListener camel, TopicInfo topics) {
        positions.consumer(consumer);
        new DefaultSubscribeAdapter().subscribe(consumer, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                handOver(partitions, "revoked");
                camel.onPartitionsRevoked(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                handOver(partitions, "lost");
                camel.onPartitionsLost(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                camel.onPartitionsAssigned(partitions);
                positions.assigned(partitions);
                if (!partitions.isEmpty()) {
                    LOG.info("Partitions assigned: {}", partitions);
                    requireNoGap(consumer, partitions);
                }
            }
        }, topics);
    }

    /**
     * A partition whose channel has landed offsets up to N must still hold N + 1: if Kafka's retention deleted
     * offsets the warehouse never got, the consumer would start at the oldest one left without a word. Delivery
     * stops instead, naming the partition and the gap (a channel that has landed nothing starts at the oldest
     * offset, as a new pipeline on an existing topic should).
     */
    private void requireNoGap(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> oldest;
        try {
            oldest = consumer.beginningOffsets(partitions);
        } catch (RuntimeException e) {
            LOG.warn("Could not check that partitions {} still hold what the warehouse has not landed: {}", partitions,
                    e.getMessage());
            return;
        }
        for (TopicPartition partition : partitions) {
            Optional<String> landed = sink.knownCommittedOffsetToken(landingTable,
                    PartitionChannels.name(partition.topic(), partition.partition()));
            Long first = oldest.get(partition);
            if (landed.isPresent() && first != null && PartitionChannels.offset(landed.get()) + 1 < first) {
                gate.fail("Partition " + partition + " no longer holds offsets " + (PartitionChannels.offset(
                        landed.get()) + 1) + " to " + (first - 1) + ", which never reached the warehouse (Kafka's"
                        + " retention deleted them): those changes are lost to this pipeline; re-snapshot the"
                        + " tables of " + partition.topic() + " or raise the topic's retention");
            }
        }
    }

    private void handOver(Collection<TopicPartition> partitions, String why) {
        if (partitions.isEmpty()) {
            return;
        }
        LOG.info("Partitions {}: {}; sending their open batches and closing their channels", why, partitions);
        for (TopicPartition partition : partitions) {
            String channel = PartitionChannels.name(partition.topic(), partition.partition());
            try {
                batches.send(channel);
            } catch (RuntimeException e) {
                // the channel is released all the same: its next owner reads what did not land
                LOG.warn("Partition {}: its open batches could not be sent before the handover: {}", partition,
                        e.getMessage());
            }
            positions.handedOver(partition, sink.release(landingTable, channel, commitTimeout));
        }
    }
}
