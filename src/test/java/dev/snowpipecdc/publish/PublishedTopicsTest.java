package dev.snowpipecdc.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

import dev.snowpipecdc.support.KafkaBroker;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The publish topology's topics on a real broker: made when missing, partitioned as Kafka does, read back. */
class PublishedTopicsTest {

    private final KafkaBroker kafka = KafkaBroker.shared();
    private final CamelContext camel = new DefaultCamelContext();

    @TempDir
    Path dir;

    @Test
    void should_create_missing_topics_and_choose_the_partition_kafka_would_choose() throws Exception {
        PublishedTopics topics = new PublishedTopics(clientProperties(), List.of("pt_a.public.items"),
                "pt_a.dead-letters", 5, Optional.empty(), savedPosition());
        topics.prepare();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            // a topic just created may not be in the broker's metadata yet (UnknownTopicOrPartition)
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(admin.describeTopics(List.of("pt_a.public.items")).allTopicNames().get()
                            .get("pt_a.public.items").partitions()).hasSize(5));
            assertThat(admin.listTopics().names().get()).contains("pt_a.dead-letters");
        }
        assertThat(topics.publishes("pt_a.public.items")).isTrue();
        assertThat(topics.publishes("pt_a.dead-letters")).isFalse();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int id = 0; id < 20; id++) {
                byte[] key = ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
                RecordMetadata sent = producer.send(new ProducerRecord<>("pt_a.public.items", key, key)).get();
                assertThat(topics.partitionFor("pt_a.public.items", key)).isEqualTo(sent.partition());
            }
        }
        assertThat(topics.partitionFor("pt_a.public.items", null)).isZero();
        assertThatThrownBy(() -> topics.partitionFor("pt_a.public.other", null))
                .hasMessageContaining("not one of the published topics");
    }

    @Test
    void should_know_the_last_token_each_partition_holds() throws Exception {
        kafka.createTopic("pt_b.public.items", 2);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            send(producer, 0, "1-A");
            send(producer, 0, "1-B");
            send(producer, 1, "1-C");
            send(producer, 1, "1-D" + ChangePublisher.TOMBSTONE_SUFFIX);
            // a record of another writer, without a token, after them
            send(producer, 1, null);
        }
        PublishedTopics topics = new PublishedTopics(clientProperties(), List.of("pt_b.public.items"),
                "pt_b.dead-letters", 3, Optional.empty(), savedPosition());
        topics.prepare();
        assertThat(topics.publishedBefore("pt_b.public.items", 0, "1-B")).isTrue();
        assertThat(topics.publishedBefore("pt_b.public.items", 0, "1-A")).isTrue();
        assertThat(topics.publishedBefore("pt_b.public.items", 0, "1-C")).isFalse();
        // the delete and its tombstone are there
        assertThat(topics.publishedBefore("pt_b.public.items", 1, "1-D")).isTrue();
        assertThat(topics.publishedBefore("pt_b.public.items", 1, "1-D" + ChangePublisher.TOMBSTONE_SUFFIX))
                .isTrue();
        assertThat(topics.publishedBefore("pt_b.public.items", 1, "1-E")).isFalse();

        // a source without a saved position starts afresh (a new snapshot, tokens below what was published):
        // nothing is taken for published then
        PublishedTopics afresh = new PublishedTopics(clientProperties(), List.of("pt_b.public.items"),
                "pt_b.dead-letters", 3, Optional.empty(), dir.resolve("no-offsets.dat"));
        afresh.prepare();
        assertThat(afresh.publishedBefore("pt_b.public.items", 0, "1-A")).isFalse();
        assertThat(afresh.publishedBefore("pt_b.public.items", 1, "0-A")).isFalse();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, int partition, String token) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        if (token != null) {
            headers.add(ChangePublisher.OFFSET_TOKEN_HEADER, token.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(new ProducerRecord<>("pt_b.public.items", partition, (byte[]) null, new byte[] {1}, headers)).get();
    }

    /** What the publisher's clients are made from: camel-kafka's options. */
    private Supplier<Properties> clientProperties() {
        return KafkaPublishing.clientProperties(camel, kafka.bootstrapServers());
    }

    /** Debezium's offsets file, as a source that has saved its position has it. */
    private Path savedPosition() throws IOException {
        return Files.writeString(dir.resolve("offsets.dat"), "saved");
    }

    @AfterEach
    void closeCamel() throws Exception {
        camel.close();
    }
}
