package dev.snowpipecdc.publish;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import dev.snowpipecdc.support.KafkaBroker;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The publish topology's topics on a real broker: made when missing, partitioned as Kafka does, read back. */
class PublishedTopicsTest {

    private final KafkaBroker kafka = KafkaBroker.shared();

    @Test
    void should_create_missing_topics_and_choose_the_partition_kafka_would_choose() throws Exception {
        PublishedTopics topics = new PublishedTopics(this::camelKafkaProperties, List.of("pt_a.public.items"), 5,
                Optional.empty());
        topics.prepare();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of("pt_a.public.items")).allTopicNames().get()
                    .get("pt_a.public.items").partitions()).hasSize(5);
        }
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
                .hasMessageContaining("cdc.source.tables");
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
        }
        PublishedTopics topics = new PublishedTopics(this::camelKafkaProperties, List.of("pt_b.public.items"), 3,
                Optional.empty());
        topics.prepare();
        assertThat(topics.publishedBefore("pt_b.public.items", 0, "1-B")).isTrue();
        assertThat(topics.publishedBefore("pt_b.public.items", 0, "1-A")).isTrue();
        assertThat(topics.publishedBefore("pt_b.public.items", 0, "1-C")).isFalse();
        // the delete and its tombstone are there
        assertThat(topics.publishedBefore("pt_b.public.items", 1, "1-D")).isTrue();
        assertThat(topics.publishedBefore("pt_b.public.items", 1, "1-D" + ChangePublisher.TOMBSTONE_SUFFIX))
                .isTrue();
        assertThat(topics.publishedBefore("pt_b.public.items", 1, "1-E")).isFalse();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, int partition, String token) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ChangePublisher.OFFSET_TOKEN_HEADER, token.getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>("pt_b.public.items", partition, (byte[]) null, new byte[] {1}, headers)).get();
    }

    /** What the publisher's clients are made from: camel-kafka's options. */
    private Properties camelKafkaProperties() {
        KafkaConfiguration configuration = new KafkaConfiguration();
        Properties properties = configuration.createProducerProperties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        return properties;
    }
}
