package dev.snowpipecdc.source.kafka;

import java.util.Optional;

import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import dev.snowpipecdc.routes.TableRouteTemplate;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the consumer group reads each partition from: camel-kafka's offset repository (the {@code kafka:}
 * endpoint's {@code offsetRepository}), which it asks {@code getState("topic/partition")} each time a partition is
 * assigned, and seeks to the answer + 1. The answer is the offset the warehouse has committed on that partition's
 * channel, as Snowflake's own Kafka connector does: the warehouse, not the group's Kafka offsets, is the truth, so
 * nothing a previous owner read but did not land is skipped, and what it landed is not read again. "-1" (read from
 * the start) when the channel has committed nothing; never empty, which would fall back to the group's offsets.
 *
 * <p>Camel never stores a state here (with allowManualCommit and no commit factory it calls no setState; other
 * set-ups would store the last processed offset, which is not what the warehouse has): setState is ignored.
 */
public final class ChannelOffsets extends ServiceSupport implements StateRepository<String, String> {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelOffsets.class);

    private final SnowpipeStreamingComponent sink;
    private final String landingTable;

    /** @param landingTable the table the partitions' channels write to (cdc.landing.table) */
    public ChannelOffsets(SnowpipeStreamingComponent sink, String landingTable) {
        this.sink = sink;
        this.landingTable = landingTable;
    }

    /** @param topicPartition {@code topic/partition}, as camel-kafka asks */
    @Override
    public String getState(String topicPartition) {
        int slash = topicPartition.lastIndexOf('/');
        String channel = PartitionChannels.name(topicPartition.substring(0, slash),
                Integer.parseInt(topicPartition.substring(slash + 1)));
        Optional<String> committed = sink.committedOffsetToken(landingTable, channel, TableRouteTemplate.ON_ERROR);
        String offset = committed.map(token -> String.valueOf(PartitionChannels.offset(token))).orElse("-1");
        LOG.info("Partition {}: reading from offset {} (channel {} has committed {})", topicPartition,
                Long.parseLong(offset) + 1, channel, committed.orElse("nothing"));
        return offset;
    }

    @Override
    public void setState(String topicPartition, String offset) {
        // the warehouse's committed token is the only position kept (see the class comment)
    }
}
