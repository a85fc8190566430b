package dev.snowpipecdc.publish;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.support.DebeziumJson;
import dev.snowpipecdc.support.KafkaBroker;
import dev.snowpipecdc.support.KafkaPipelines;
import dev.snowpipecdc.support.TopicRecords;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the publisher writes is what Debezium's connector in Kafka Connect writes: the same changes captured by both
 * (Debezium with Kafka Connect's own JsonConverter, the way {@link DebeziumJson} runs it, on a slot of its own) give
 * the same keys and the same values, schema and payload, with schemas and without, but for the envelope's
 * processing time (when each engine handled the change).
 */
class ConnectEnvelopeFidelityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "schemas.enable={0}")
    @ValueSource(booleans = {true, false})
    void should_write_the_records_kafka_connect_writes(boolean schemas) throws Exception {
        String prefix = "fidelity_" + schemas;
        KafkaBroker kafka = KafkaBroker.shared();
        List<DebeziumJson.Message> connect = DebeziumJson.messages();
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"));
             DebeziumJson capture = DebeziumJson.capture(source, "connect", "public.customers,public.orders",
                     Map.of("topic.prefix", prefix, "decimal.handling.mode", "string",
                             "converter.schemas.enable", String.valueOf(schemas)), connect)) {
            Main publisher = KafkaPipelines.publisher(source, kafka, prefix, dir.resolve("publisher"));
            publisher.addOverrideProperty("cdc.kafka.publish.schemas-enable", String.valueOf(schemas));
            publisher.start();
            try {
                DemoCommand.awaitStreaming(source);
                source.execute("""
                        INSERT INTO customers (email, name, created_at) VALUES ('a@x.org', 'Ann', '2024-01-02 03:04:05.678901');
                        INSERT INTO orders (customer_id, amount, status) VALUES (1, 12.50, 'new');
                        UPDATE orders SET amount = 99999999.99, status = NULL WHERE order_id = 1;
                        DELETE FROM orders WHERE order_id = 1;
                        """);
                // 4 changes and the delete's tombstone, from each
                await().atMost(Duration.ofSeconds(60)).until(() -> connect.size() == 5
                        && KafkaPipelines.topics(kafka, prefix).size() == 5);
                List<TopicRecords.Record> published = KafkaPipelines.topics(kafka, prefix);
                for (DebeziumJson.Message expected : connect) {
                    TopicRecords.Record actual = published.stream()
                            .filter(r -> r.topic().equals(expected.topic()) && sameChange(r, expected)).findFirst()
                            .orElseThrow(() -> new AssertionError("Not published: " + expected));
                    assertThat(JSON.readTree(actual.key())).isEqualTo(JSON.readTree(expected.key()));
                    if (expected.value() == null) {
                        assertThat(actual.value()).isNull();
                        continue;
                    }
                    // the whole record, schema and payload, but for the time the record was made (ts_ms, ts_us,
                    // ts_ns of the envelope: when each engine handled the change)
                    assertThat(withoutProcessingTime(actual.value(), schemas))
                            .isEqualTo(withoutProcessingTime(expected.value(), schemas));
                }
            } finally {
                publisher.stop();
            }
        }
    }

    /** The same change: the same key and, for a change event, the same LSN. */
    private static boolean sameChange(TopicRecords.Record record, DebeziumJson.Message message) {
        try {
            if (!JSON.readTree(record.key()).equals(JSON.readTree(message.key()))) {
                return false;
            }
            if (message.value() == null || record.value() == null) {
                return message.value() == null && record.value() == null;
            }
            return lsn(record.value()).equals(lsn(message.value()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode lsn(String value) throws Exception {
        JsonNode node = JSON.readTree(value);
        JsonNode payload = node.has("payload") && node.has("schema") ? node.get("payload") : node;
        return payload.get("source").get("lsn");
    }

    private static JsonNode withoutProcessingTime(String value, boolean schemas) throws Exception {
        JsonNode record = JSON.readTree(value);
        ObjectNode payload = (ObjectNode) (schemas ? record.get("payload") : record);
        for (String field : List.of("ts_ms", "ts_us", "ts_ns")) {
            assertThat(payload.get(field).asLong()).as(field).isPositive();
            payload.remove(field);
        }
        return record;
    }
}
