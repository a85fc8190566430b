package dev.snowpipecdc.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import org.apache.camel.main.Main;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka topologies as tests run them in this JVM: a publisher of the demo tables and members of a consumer
 * group of its topics, on the demo database and the test broker; and what the topics hold.
 */
public final class KafkaPipelines {

    private KafkaPipelines() {
    }

    /** {@code cdc.topology=publish}, 4 partitions per topic, topics {@code <prefix>.public.<table>}. */
    public static Main publisher(SourceDatabase source, KafkaBroker kafka, String prefix, Path dataDir) {
        Main pipeline = DemoCommand.pipeline(source, dataDir);
        pipeline.addOverrideProperty("cdc.topology", "publish");
        pipeline.addOverrideProperty("cdc.source.name", prefix);
        pipeline.addOverrideProperty("cdc.kafka.brokers", kafka.bootstrapServers());
        pipeline.addOverrideProperty("cdc.kafka.publish.partitions", "4");
        return pipeline;
    }

    /** {@code cdc.topology=consume} of the publisher's topics, group {@code prefix}, warehouse in dataDir. */
    public static Main consumer(SourceDatabase source, KafkaBroker kafka, String prefix, Path dataDir) {
        Main pipeline = DemoCommand.pipeline(source, dataDir);
        pipeline.addOverrideProperty("cdc.topology", "consume");
        pipeline.addOverrideProperty("cdc.source.name", prefix);
        pipeline.addOverrideProperty("cdc.kafka.brokers", kafka.bootstrapServers());
        pipeline.addOverrideProperty("cdc.kafka.group-id", prefix);
        return pipeline;
    }

    /** Both demo tables' topics' records. */
    public static List<TopicRecords.Record> topics(KafkaBroker kafka, String prefix) {
        List<TopicRecords.Record> records = new ArrayList<>(TopicRecords.read(kafka, prefix + ".public.customers"));
        records.addAll(TopicRecords.read(kafka, prefix + ".public.orders"));
        return records;
    }

    /** Each partition's offset tokens only grow (a key's changes share a partition: they are in order too). */
    public static void assertInSourceOrder(List<TopicRecords.Record> records) {
        Map<String, List<String>> byPartition = records.stream().collect(Collectors.groupingBy(
                r -> r.topic() + "-" + r.partition(), Collectors.mapping(TopicRecords.Record::token,
                        Collectors.toList())));
        byPartition.forEach((partition, tokens) -> {
            assertThat(tokens).as(partition).doesNotContainNull();
            assertThat(tokens).as(partition).isSorted().doesNotHaveDuplicates();
        });
    }
}
