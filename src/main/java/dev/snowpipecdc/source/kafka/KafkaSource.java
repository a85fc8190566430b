package dev.snowpipecdc.source.kafka;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.snowpipecdc.Settings;
import dev.snowpipecdc.batch.OpenBatches;
import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import dev.snowpipecdc.delivery.DeliveryGate;
import dev.snowpipecdc.routes.Endpoints;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.consumer.support.subcription.SubscribeAdapter;
import org.apache.camel.health.HealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume topology's source (routes/source-kafka.camel.yaml): Debezium's change topics in Kafka, read by a
 * consumer group, as one unit: the parser of Kafka Connect's Debezium JSON (bean {@code changeParser}), its
 * acknowledgement (the group reads each partition from what the warehouse has committed on that partition's
 * channel: {@link ChannelOffsets}, bean {@code kafkaOffsets}; a partition that moves to another member is handed
 * over first: {@link PartitionHandover}, bean {@code subscribeAdapter}), its health check
 * ({@link ConsumerHealthCheck}) and its meters ({@link PartitionPositions}, which also commits the group's Kafka
 * offsets as a lag signal).
 */
public final class KafkaSource {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSource.class);

    /** The offset repository bean the kafka: endpoint names. */
    public static final String OFFSETS = "kafkaOffsets";
    /** The bean the source route tells of each message it handed on (source/kafka/PartitionPositions). */
    public static final String POSITIONS = "kafkaPositions";
    /** The topics setting; empty: Debezium's topic of each captured table. */
    public static final String TOPICS = "cdc.kafka.topics";

    private KafkaSource() {
    }

    public static void bind(CamelContext context, Settings settings, DeliveryGate gate, MeterRegistry meters) {
        if (settings.optional(TOPICS).isEmpty()) {
            String topics = debeziumTopics(settings.required("cdc.source.name"),
                    settings.required("cdc.source.tables"));
            context.getPropertiesComponent().addOverrideProperty(TOPICS, topics);
            LOG.info("Source: the consumer group reads {} (Debezium's topics of cdc.source.tables; {} names others)",
                    topics, TOPICS);
        }
        context.getRegistry().bind(Endpoints.CHANGE_PARSER,
                new KafkaChangeParser(TopicTables.parse(settings.optional(TopicTables.SETTING).orElse(null))));
        SnowpipeStreamingComponent sink = context.getComponent(SnowpipeStreamingComponent.SCHEME,
                SnowpipeStreamingComponent.class);
        String landingTable = settings.required("cdc.landing.table");
        context.getRegistry().bind(OFFSETS, new ChannelOffsets(sink, landingTable));
        context.getRegistry().bind(ConsumerHealthCheck.ID, HealthCheck.class,
                new ConsumerHealthCheck(context, Endpoints.SOURCE_ROUTE_ID, gate));
        PartitionPositions positions = new PartitionPositions(sink, landingTable,
                Duration.ofMillis(settings.requiredLong("cdc.kafka.commit-interval-ms")), meters);
        context.getRegistry().bind(POSITIONS, positions);
        context.getRegistry().bind(Endpoints.SOURCE_MONITOR, Processor.class, positions);
        context.getRegistry().bind(PartitionHandover.BEAN, SubscribeAdapter.class, new PartitionHandover(
                new OpenBatches(context), sink, landingTable,
                Duration.ofMillis(settings.requiredLong("cdc.sink.commit-timeout-ms")), positions, gate));
    }

    /** {@code <prefix>.<schema>.<table>} of each table, as Debezium names its topics. */
    static String debeziumTopics(String prefix, String tables) {
        return Arrays.stream(tables.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .map(t -> prefix + "." + t).collect(Collectors.joining(","));
    }
}
