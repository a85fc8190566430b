package dev.snowpipecdc.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.WarehouseVerification;
import dev.snowpipecdc.warehouse.WarehouseSchema;
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

    /**
     * The warehouse holds each change once ({@code made} rows in RAW_CHANGES, as many distinct positions), no dead
     * letter, and current-state tables and histories equal to the source once the tasks have caught up.
     */
    public static void assertLandedOnce(SourceDatabase source, DataSource warehouse, Main pipeline, long made)
            throws Exception {
        WarehouseVerification.Outcome outcome = new WarehouseVerification(source.dataSource(), warehouse,
                pipeline.lookup(PipelineConfiguration.WAREHOUSE_SCHEMA, WarehouseSchema.class).objects())
                .verify(Duration.ofSeconds(90));
        assertThat(outcome.problems()).isEmpty();
        assertThat(Sql.number(warehouse::getConnection, "SELECT COUNT(*) FROM RAW_CHANGES")).isEqualTo(made);
        assertThat(RawChanges.distinctPositions(warehouse::getConnection)).isEqualTo(made);
        assertThat(Sql.number(warehouse::getConnection, "SELECT COUNT(*) FROM DEAD_LETTERS")).isZero();
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
