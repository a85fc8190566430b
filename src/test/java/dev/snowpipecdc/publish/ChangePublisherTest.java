package dev.snowpipecdc.publish;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.snowpipecdc.change.ChangeHeaders;
import dev.snowpipecdc.deadletter.DeadLetters;
import dev.snowpipecdc.monitoring.Meters;
import dev.snowpipecdc.source.debezium.DebeziumChangeParser;
import dev.snowpipecdc.support.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The publishing step and its gate, with Kafka's MockProducer in place of the producer (the topics are real, on the
 * test broker): what a delete and its tombstone become, what a replay publishes again, where bad input goes, and
 * what a record Kafka refuses does to delivery.
 */
class ChangePublisherTest {

    private static final String TOPIC = "cp.public.orders";
    private static final Schema ROW = SchemaBuilder.struct().name(TOPIC + ".Value").optional()
            .field("order_id", Schema.INT32_SCHEMA).field("status", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema KEY = SchemaBuilder.struct().name(TOPIC + ".Key")
            .field("order_id", Schema.INT32_SCHEMA).build();

    @TempDir
    Path dir;

    private final CamelContext camel = new DefaultCamelContext();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final KafkaDelivery delivery = new KafkaDelivery(camel, () -> producer, meters);
    private PublishedTopics topics;
    private ChangePublisher publisher;

    @BeforeEach
    void topics() throws Exception {
        topics = new PublishedTopics(KafkaPublishing.clientProperties(camel, KafkaBroker.shared().bootstrapServers()),
                List.of(TOPIC), "cp.dead-letters", 2, Optional.empty(), Files.writeString(dir.resolve("offsets"), ""));
        topics.prepare();
        publisher = new ChangePublisher(new DebeziumChangeParser(), topics, new ConnectEnvelope(true, "cp"), delivery,
                true, "cp.dead-letters", meters);
    }

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    @Test
    void should_publish_a_delete_and_its_tombstone_on_the_key_partition_with_their_tokens() throws Exception {
        Exchange delete = change("d", null, row(7), 100, 200);
        publisher.process(delete);
        producer.flush();

        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(2);
        String token = token(sent.get(0));
        assertThat(sent.get(0).value()).isNotNull();
        assertThat(sent.get(1).value()).isNull();
        assertThat(token(sent.get(1))).isEqualTo(token + ChangePublisher.TOMBSTONE_SUFFIX);
        assertThat(sent).allSatisfy(record -> {
            assertThat(record.topic()).isEqualTo(TOPIC);
            assertThat(record.partition()).isEqualTo(topics.partitionFor(TOPIC, record.key()));
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).contains("\"order_id\":7");
        });
        assertThat(meters.counter(Meters.KAFKA_PUBLISHED, Meters.TOPIC, TOPIC).count()).isEqualTo(2);
    }

    @Test
    void should_publish_only_what_the_partition_does_not_hold_when_a_change_is_replayed() throws Exception {
        Exchange first = change("d", null, row(7), 100, 200);
        publisher.process(first);
        producer.flush();
        ProducerRecord<byte[], byte[]> delete = producer.history().get(0);
        producer.clear();

        // the partition holds the delete but not its tombstone (a crash between the two): the tombstone only
        PublishedTopics restarted = new PublishedTopics(KafkaPublishing.clientProperties(camel,
                KafkaBroker.shared().bootstrapServers()), List.of(TOPIC), "cp.dead-letters", 2, Optional.empty(),
                dir.resolve("offsets"));
        restarted.prepare();
        restarted.published(TOPIC, delete.partition(), token(delete));
        ChangePublisher again = new ChangePublisher(new DebeziumChangeParser(), restarted,
                new ConnectEnvelope(true, "cp"), delivery, true, "cp.dead-letters", meters);
        again.process(change("d", null, row(7), 100, 200));
        producer.flush();
        assertThat(producer.history()).hasSize(1);
        assertThat(producer.history().get(0).value()).isNull();
        assertThat(token(producer.history().get(0))).isEqualTo(token(delete) + ChangePublisher.TOMBSTONE_SUFFIX);

        // both are there (another restart): nothing, and the change is counted as skipped
        producer.clear();
        ChangePublisher third = new ChangePublisher(new DebeziumChangeParser(), restarted,
                new ConnectEnvelope(true, "cp"), delivery, true, "cp.dead-letters", meters);
        Exchange replayed = change("d", null, row(7), 100, 200);
        third.process(replayed);
        assertThat(producer.history()).isEmpty();
        assertThat(replayed.getMessage().getHeader(ChangeHeaders.SKIPPED))
                .isEqualTo(ChangePublisher.SKIP_PUBLISHED_BEFORE);
    }

    @Test
    void should_dead_letter_a_change_of_a_table_without_a_topic_and_a_message_that_is_not_a_change()
            throws Exception {
        Exchange other = change("c", row(1), null, 100, 200);
        other.getMessage().setHeader(DebeziumConstants.HEADER_IDENTIFIER, "cp.public.other");
        publisher.process(other);
        Exchange malformed = new DefaultExchange(camel);
        malformed.getMessage().setHeader(DebeziumConstants.HEADER_IDENTIFIER, TOPIC);
        malformed.getMessage().setBody("not a change");
        publisher.process(malformed);
        producer.flush();

        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("cp.dead-letters",
                "cp.dead-letters");
        assertThat(producer.history()).extracting(record -> new String(record.headers()
                .lastHeader(ChangePublisher.REASON_HEADER).value(), StandardCharsets.UTF_8))
                .containsExactly(DeadLetters.UNKNOWN_TABLE, DeadLetters.MALFORMED);
        assertThat(new String(producer.history().get(0).value(), StandardCharsets.UTF_8))
                .contains("cdc.source.tables");
        assertThat(other.getMessage().getHeader(ChangeHeaders.SKIPPED)).isEqualTo(DeadLetters.UNKNOWN_TABLE);
    }

    @Test
    void should_stop_delivery_at_the_first_record_kafka_refuses_and_keep_its_reason() throws Exception {
        publisher.process(change("c", row(1), null, 100, 200));
        publisher.process(change("c", row(2), null, 100, 300));
        producer.errorNext(new TimeoutException("Expiring 1 record(s): 120000 ms has passed"));

        assertThat(delivery.failure()).get().asString().contains("Expiring 1 record(s)").contains(TOPIC);
        assertThat(producer.closed()).isTrue();
        assertThatThrownBy(delivery::awaitDelivered).hasMessageContaining("Expiring 1 record(s)");
        assertThatThrownBy(() -> publisher.process(change("c", row(3), null, 100, 400)))
                .hasMessageContaining("Delivery failed earlier");
    }

    private Exchange change(String op, Struct after, Struct before, long lastCommitLsn, long lsn) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(DebeziumConstants.HEADER_IDENTIFIER, TOPIC);
        exchange.getMessage().setHeader(DebeziumConstants.HEADER_OPERATION, op);
        exchange.getMessage().setHeader(DebeziumConstants.HEADER_BEFORE, before);
        exchange.getMessage().setHeader(DebeziumConstants.HEADER_TIMESTAMP, 1_764_064_800_500L);
        Struct row = after != null ? after : before;
        exchange.getMessage().setHeader(DebeziumConstants.HEADER_KEY, new Struct(KEY).put("order_id",
                row.getInt32("order_id")));
        Map<String, Object> source = new HashMap<>();
        source.put("version", "3.4.0.Final");
        source.put("connector", "postgresql");
        source.put("name", "cp");
        source.put("db", "postgres");
        source.put("schema", "public");
        source.put("table", "orders");
        source.put("lsn", lsn);
        source.put("txId", 555L);
        source.put("ts_ms", 1_764_064_800_123L);
        source.put("snapshot", "false");
        source.put("sequence", "[\"" + lastCommitLsn + "\",\"" + lsn + "\"]");
        exchange.getMessage().setHeader(DebeziumConstants.HEADER_SOURCE_METADATA, source);
        exchange.getMessage().setBody(after);
        return exchange;
    }

    private static Struct row(int id) {
        return new Struct(ROW).put("order_id", id).put("status", "NEW");
    }

    private static String token(ProducerRecord<byte[], byte[]> record) {
        return new String(record.headers().lastHeader(ChangePublisher.OFFSET_TOKEN_HEADER).value(),
                StandardCharsets.UTF_8);
    }
}
