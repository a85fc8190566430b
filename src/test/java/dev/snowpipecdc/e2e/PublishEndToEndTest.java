package dev.snowpipecdc.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.demo.ChangeTally;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.Workload;
import dev.snowpipecdc.monitoring.Meters;
import dev.snowpipecdc.support.KafkaBroker;
import dev.snowpipecdc.support.Sql;
import dev.snowpipecdc.support.TopicRecords;
import dev.snowpipecdc.support.KafkaPipelines;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The publish topology feeding the consume topology, both from this app: PostgreSQL → Debezium (embedded) → Kafka,
 * a topic per table in Kafka Connect's JSON → a consumer group → RAW_CHANGES → the current state and history tables,
 * which equal the source. Kafka holds each change once, each partition in the source's order.
 */
class PublishEndToEndTest {

    static final String PREFIX = "publish_e2e";

    @TempDir
    Path dir;

    @Test
    void should_publish_each_change_once_in_order_for_a_consumer_that_lands_it_once() throws Exception {
        KafkaBroker kafka = KafkaBroker.shared();
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"))) {
            Main publisher = KafkaPipelines.publisher(source, kafka, PREFIX, dir.resolve("publisher"));
            publisher.start();
            Main consumer = KafkaPipelines.consumer(source, kafka, PREFIX, dir.resolve("warehouse"));
            try {
                DemoCommand.awaitStreaming(source);
                ChangeTally made = new ChangeTally();
                new Workload(source.dataSource(), 21).run(400, Duration.ofMinutes(2), 0, made);
                consumer.start();
                new Workload(source.dataSource(), 22).run(200, Duration.ofMinutes(2), 200, made);
                DataSource warehouse = consumer.lookup(PipelineConfiguration.WAREHOUSE, DataSource.class);
                await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> Sql.number(
                        warehouse::getConnection, "SELECT COUNT(*) FROM RAW_CHANGES") >= made.total());

                KafkaPipelines.assertLandedOnce(source, warehouse, consumer, made.total());

                // Kafka: each change once, a tombstone after each delete, every partition in the source's order
                List<TopicRecords.Record> records = KafkaPipelines.topics(kafka, PREFIX);
                assertThat(records.stream().filter(r -> r.value() != null).map(r -> r.topic() + "/" + r.token())
                        .distinct().count()).isEqualTo(made.total());
                assertThat(records.stream().filter(r -> r.value() != null).count()).isEqualTo(made.total());
                assertThat(records.stream().filter(r -> r.value() == null).count())
                        .isEqualTo(made.get("customers", "d") + made.get("orders", "d"));
                KafkaPipelines.assertInSourceOrder(records);
                MeterRegistry meters = publisher.getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
                assertThat(meters.find(Meters.KAFKA_PUBLISHED).counters().stream().mapToDouble(c -> c.count()).sum())
                        .isEqualTo(records.size());
            } finally {
                consumer.stop();
                publisher.stop();
            }
        }
    }
}
