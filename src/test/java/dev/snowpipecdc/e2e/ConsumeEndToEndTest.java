package dev.snowpipecdc.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import dev.snowpipecdc.demo.ChangeTally;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.WarehouseVerification;
import dev.snowpipecdc.demo.Workload;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.monitoring.Meters;
import dev.snowpipecdc.source.kafka.PartitionChannels;
import dev.snowpipecdc.support.DebeziumJson;
import dev.snowpipecdc.support.KafkaBroker;
import dev.snowpipecdc.support.KafkaConnect;
import dev.snowpipecdc.support.KafkaPipelines;
import dev.snowpipecdc.support.Sql;
import dev.snowpipecdc.warehouse.WarehouseSchema;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consume topology end to end: PostgreSQL → Debezium's connector writing Kafka Connect's JSON → a real Kafka
 * broker, 3 partitions per topic → a consumer group → RAW_CHANGES (a channel per partition) → the current state
 * and history tables, which equal the source. Restarted on a group that never committed a Kafka offset, it reads
 * each partition from what the warehouse has: nothing twice, nothing missed.
 */
class ConsumeEndToEndTest {

    private static final String PREFIX = "consume_e2e";
    private static final String TABLES = "public.customers,public.orders";

    @TempDir
    Path dir;

    @Test
    void should_apply_every_change_once_across_partitions_kafka_duplicates_and_a_restart() throws Exception {
        KafkaBroker kafka = KafkaBroker.shared();
        kafka.createTopic(PREFIX + ".public.customers", 3);
        kafka.createTopic(PREFIX + ".public.orders", 3);
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"));
             KafkaConnect connect = KafkaConnect.start(source, kafka, PREFIX, TABLES)) {
            // a backlog: changes committed before the pipeline starts
            ChangeTally made = new ChangeTally();
            new Workload(source.dataSource(), 7).run(300, Duration.ofMinutes(2), 0, made);
            await().atMost(Duration.ofSeconds(60)).until(() -> connect.changes() == made.total());
            // Kafka Connect delivers at least once: after a crash the connector publishes its last changes again,
            // at new offsets. They land again, with the same offset tokens, and the warehouse applies them once.
            List<DebeziumJson.Message> published = connect.published();
            List<DebeziumJson.Message> replayed = List.copyOf(published.subList(published.size() - 15,
                    published.size()));
            connect.publishAgain(replayed);
            long twice = replayed.stream().filter(m -> m.value() != null).count();

            Main first = consumer(source, kafka, dir.resolve("warehouse"));
            // the group's offsets are committed as soon as the warehouse has the messages
            first.addOverrideProperty("cdc.kafka.commit-interval-ms", "0");
            first.start();
            Map<String, Long> landed = new HashMap<>();
            DataSource warehouse = first.lookup(PipelineConfiguration.WAREHOUSE, DataSource.class);
            try {
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> Sql.number(
                        warehouse::getConnection,
                        "SELECT COUNT(*) FROM RAW_CHANGES") == made.total() + twice);
                assertThat(Sql.number(warehouse::getConnection, "SELECT COUNT(*) FROM (SELECT DISTINCT TABLE_NAME,"
                        + " OFFSET_TOKEN FROM RAW_CHANGES)")).isEqualTo(made.total());
                // current state and history as the source has them: the changes Kafka held twice applied once
                verify(source, first, warehouse);
                // a channel per partition
                assertThat(first.getCamelContext().getComponent(SnowpipeStreamingComponent.SCHEME,
                        SnowpipeStreamingComponent.class).channelStatuses())
                        .extracting(status -> status.id().channel())
                        .contains(PREFIX + "_public_customers_0", PREFIX + "_public_customers_1",
                                PREFIX + "_public_customers_2", PREFIX + "_public_orders_0",
                                PREFIX + "_public_orders_1", PREFIX + "_public_orders_2");
                // the source's meters: its partitions, none behind, each with the offset the warehouse has
                MeterRegistry firstMeters = first.getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
                assertThat(assigned(first)).isEqualTo(6);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(firstMeters.find(Meters.KAFKA_PARTITION_LAG).gauges()).hasSize(6)
                            .allSatisfy(lag -> assertThat(lag.value()).isZero());
                    assertThat(firstMeters.find(Meters.KAFKA_PARTITION_COMMITTED).gauges()).hasSize(6)
                            .allSatisfy(offset -> assertThat(offset.value()).isPositive());
                    // served at /observe/metrics, as the Grafana dashboard's Kafka panels chart them
                    String served = ((PrometheusMeterRegistry) firstMeters).scrape();
                    assertThat(ObservabilityTest.dashboardMeters(true)).allSatisfy(meter ->
                            assertThat(served).containsPattern("(?m)^" + meter + "[{ ]"));
                });
                SnowpipeStreamingComponent sink = first.getCamelContext().getComponent(
                        SnowpipeStreamingComponent.SCHEME, SnowpipeStreamingComponent.class);
                sink.channelStatuses().forEach(status -> landed.put(status.id().channel(),
                        sink.knownCommittedOffsetToken("RAW_CHANGES", status.id().channel())
                                .map(PartitionChannels::offset).orElse(-1L)));
            } finally {
                first.stop();
            }
            // the group's Kafka offsets, a lag signal, never run ahead of what the warehouse has
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                Map<TopicPartition, OffsetAndMetadata> groupOffsets = admin.listConsumerGroupOffsets(PREFIX)
                        .partitionsToOffsetAndMetadata().get();
                assertThat(groupOffsets).isNotEmpty();
                groupOffsets.forEach((tp, offset) -> assertThat(offset.offset()).as(tp.toString())
                        .isLessThanOrEqualTo(landed.get(PartitionChannels.name(tp.topic(), tp.partition())) + 1));
                // and they are not where the next run reads from: rewound to the start, they change nothing
                Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
                groupOffsets.keySet().forEach(tp -> rewound.put(tp, new OffsetAndMetadata(0)));
                admin.alterConsumerGroupOffsets(PREFIX, rewound).all().get();
            }

            // the second run reads each partition from the warehouse's position
            long firstRun = made.total();
            new Workload(source.dataSource(), 8).run(100, Duration.ofMinutes(2), 0, made);
            await().atMost(Duration.ofSeconds(60)).until(() -> connect.changes() == made.total());
            Main second = consumer(source, kafka, dir.resolve("warehouse"));
            second.start();
            DataSource again = second.lookup(PipelineConfiguration.WAREHOUSE, DataSource.class);
            try {
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> Sql.number(again::getConnection,
                        "SELECT COUNT(*) FROM RAW_CHANGES") >= made.total() + twice);
                verify(source, second, again);
                assertThat(Sql.number(again::getConnection, "SELECT COUNT(*) FROM RAW_CHANGES"))
                        .isEqualTo(made.total() + twice);
                assertThat(Sql.number(again::getConnection, "SELECT COUNT(DISTINCT OFFSET_TOKEN) FROM RAW_CHANGES"))
                        .isEqualTo(made.total());
                MeterRegistry meters = second.getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
                // read from where the warehouse was: only the new changes, none of the first run's again
                assertThat(meters.find(Meters.EVENTS).counters().stream().mapToDouble(c -> c.count()).sum())
                        .isEqualTo(made.total() - firstRun);
                assertThat(meters.find(Meters.ROWS_ALREADY_COMMITTED).counters().stream()
                        .mapToDouble(c -> c.count()).sum()).isZero();
            } finally {
                second.stop();
            }
        }
    }

    @Test
    void should_land_every_change_once_while_a_member_joins_and_another_leaves_mid_stream() throws Exception {
        String prefix = "rebalance_e2e";
        KafkaBroker kafka = KafkaBroker.shared();
        kafka.createTopic(prefix + ".public.customers", 4);
        kafka.createTopic(prefix + ".public.orders", 4);
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"));
             KafkaConnect connect = KafkaConnect.start(source, kafka, prefix, TABLES);
             // one warehouse for both members, as one Snowflake account would be
             EmbeddedWarehouse shared = EmbeddedWarehouse.start(dir.resolve("warehouse"), "SNOWPIPE_CDC", "PUBLIC",
                     30)) {
            ChangeTally made = new ChangeTally();
            new Workload(source.dataSource(), 11).run(400, Duration.ofMinutes(2), 0, made);
            await().atMost(Duration.ofSeconds(60)).until(() -> connect.changes() == made.total());
            DataSource warehouse = shared.dataSource();

            Main first = member(source, kafka, prefix, dir.resolve("a"), shared);
            first.start();
            Main second = member(source, kafka, prefix, dir.resolve("b"), shared);
            try {
                // (RAW_CHANGES exists once the first member has applied the schema)
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> Sql.number(
                        warehouse::getConnection, "SELECT COUNT(*) FROM RAW_CHANGES") > 0);
                // changes keep coming while the second member joins (the group rebalances) and the first leaves
                CompletableFuture<Void> more = CompletableFuture.runAsync(() -> {
                    try {
                        new Workload(source.dataSource(), 12).run(300, Duration.ofMinutes(2), 100, made);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                second.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> assigned(second) > 0);
                first.stop();
                await().atMost(Duration.ofSeconds(60)).until(() -> assigned(second) == 8);
                more.get(3, TimeUnit.MINUTES);
                await().atMost(Duration.ofSeconds(60)).until(() -> connect.changes() == made.total());
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> Sql.number(
                        warehouse::getConnection,
                        "SELECT COUNT(*) FROM RAW_CHANGES") >= made.total());

                verify(source, second, warehouse);
                assertThat(Sql.number(warehouse::getConnection, "SELECT COUNT(*) FROM RAW_CHANGES"))
                        .isEqualTo(made.total());
                assertThat(Sql.number(warehouse::getConnection, "SELECT COUNT(*) FROM (SELECT DISTINCT TABLE_NAME,"
                        + " OFFSET_TOKEN FROM RAW_CHANGES)")).isEqualTo(made.total());
            } finally {
                second.stop();
                first.stop();
            }
        }
    }

    private static double assigned(Main member) {
        MeterRegistry meters = member.getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
        return meters.get(Meters.KAFKA_PARTITIONS_ASSIGNED).gauge().value();
    }

    private static Main member(SourceDatabase source, KafkaBroker kafka, String prefix, Path dataDir,
                               EmbeddedWarehouse shared) {
        Main pipeline = KafkaPipelines.consumer(source, kafka, prefix, dataDir);
        pipeline.bind(PipelineConfiguration.EMBEDDED_WAREHOUSE, shared);
        // batches stay open across the rebalances: without a handover the old owner would send them after the new
        // one has read the same changes again (90 duplicates of 700 when tried)
        pipeline.addOverrideProperty("cdc.batch.interval-ms", "3000");
        return pipeline;
    }

    private static void verify(SourceDatabase source, Main pipeline, DataSource warehouse) throws Exception {
        WarehouseVerification.Outcome outcome = new WarehouseVerification(source.dataSource(), warehouse,
                pipeline.lookup(PipelineConfiguration.WAREHOUSE_SCHEMA, WarehouseSchema.class).objects())
                .verify(Duration.ofSeconds(90));
        assertThat(outcome.problems()).isEmpty();
        assertThat(Sql.number(warehouse::getConnection, "SELECT COUNT(*) FROM DEAD_LETTERS")).isZero();
    }

    private static Main consumer(SourceDatabase source, KafkaBroker kafka, Path warehouse) {
        return KafkaPipelines.consumer(source, kafka, PREFIX, warehouse);
    }
}
