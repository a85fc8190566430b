package dev.snowpipecdc.source.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.change.ChangeHeaders;
import dev.snowpipecdc.change.ChangeOp;
import dev.snowpipecdc.change.MalformedChangeException;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.support.DebeziumJson;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka parser reads what Debezium's PostgreSQL connector writes through Kafka Connect's JSON converter, made
 * here by the real connector and converter from a real PostgreSQL, in each shape a Kafka Connect deployment can be
 * set to: with schemas (the default), without, and the unwrap SMT's.
 */
class KafkaChangeParserTest {

    private static final String TABLES = "public.customers,public.orders";
    private static final String WORKLOAD = """
            INSERT INTO customers (customer_id, email, name, created_at) VALUES
                (1, 'ann@example.com', 'Ann', '2026-12-01 10:00:00.123456');
            BEGIN;
            INSERT INTO orders (order_id, customer_id, amount, status, created_at) VALUES
                (10, 1, 12.50, 'NEW', '2026-12-01 11:00:00'), (11, 1, 7.05, 'NEW', '2026-12-01 11:00:01');
            COMMIT;
            UPDATE customers SET name = 'Ann B' WHERE customer_id = 1;
            DELETE FROM orders WHERE order_id = 11;
            """;

    @TempDir
    static Path dir;
    private static SourceDatabase source;
    private static final List<DebeziumJson.Message> WITH_SCHEMAS = DebeziumJson.messages();
    private static final List<DebeziumJson.Message> WITHOUT_SCHEMAS = DebeziumJson.messages();
    private static final List<DebeziumJson.Message> UNWRAPPED = DebeziumJson.messages();

    private final KafkaChangeParser parser = new KafkaChangeParser(TopicTables.none());
    private final CamelContext camel = new DefaultCamelContext();

    @BeforeAll
    static void captureTheWorkloadInEachShape() throws Exception {
        source = SourceDatabase.start(dir.resolve("postgres"));
        try (DebeziumJson withSchemas = DebeziumJson.capture(source, "with_schemas", TABLES,
                Map.of("provide.transaction.metadata", "true", "heartbeat.interval.ms", "200"), WITH_SCHEMAS);
             DebeziumJson withoutSchemas = DebeziumJson.capture(source, "without_schemas", TABLES,
                     Map.of("converter.schemas.enable", "false", "decimal.handling.mode", "string"), WITHOUT_SCHEMAS);
             DebeziumJson unwrapped = DebeziumJson.capture(source, "unwrapped", TABLES, Map.of(
                     "converter.schemas.enable", "false",
                     "transforms", "unwrap",
                     "transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState",
                     "transforms.unwrap.add.fields", "op,table,schema,lsn,source.ts_ms",
                     "transforms.unwrap.delete.tombstone.handling.mode", "rewrite"), UNWRAPPED)) {
            source.execute(WORKLOAD);
            // 5 changes and the delete's tombstone (the unwrap SMT rewrites the delete and drops the tombstone)
            await().atMost(Duration.ofSeconds(60)).until(() -> changes(WITH_SCHEMAS) == 6
                    && changes(WITHOUT_SCHEMAS) == 6 && changes(UNWRAPPED) == 5
                    && WITH_SCHEMAS.stream().anyMatch(m -> m.topic().startsWith("__debezium-heartbeat")));
        }
    }

    private static long changes(List<DebeziumJson.Message> messages) {
        return messages.stream().filter(m -> m.topic().startsWith("dbserver1.public.")).count();
    }

    @AfterAll
    static void stopSource() {
        source.close();
    }

    @Test
    void should_read_the_envelope_with_its_schema_with_typed_values_and_the_source_position() {
        List<Exchange> parsed = parseAll(WITH_SCHEMAS);
        List<ChangeEvent> events = events(parsed);

        assertThat(events).extracting(e -> e.table() + ":" + e.op())
                .containsExactly("customers:CREATE", "orders:CREATE", "orders:CREATE", "customers:UPDATE",
                        "orders:DELETE");
        ChangeEvent ann = events.get(0);
        assertThat(ann.sourceSchema()).isEqualTo("public");
        assertThat(ann.key()).isEqualTo(Map.of("customer_id", 1));
        assertThat(ann.after()).get().satisfies(row -> assertThat(row)
                .containsEntry("email", "ann@example.com")
                .containsEntry("created_at", "2026-12-01T10:00:00.123456"));
        // decimal.handling.mode=precise (the connector's default): the exact value, not base64 bytes
        assertThat(events.get(1).after()).get().satisfies(row -> assertThat(row).containsEntry("amount", "12.50"));
        assertThat(events.get(3).before()).get().satisfies(row -> assertThat(row).containsEntry("name", "Ann"));
        assertThat(events.get(3).after()).get().satisfies(row -> assertThat(row).containsEntry("name", "Ann B"));
        assertThat(events.get(4).before()).get().satisfies(row -> assertThat(row).containsEntry("amount", "7.05"));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.lsn()).isPositive();
            assertThat(e.txId()).isPresent();
        });
        // one transaction: one commit position (the first 18 characters), rows ordered within it
        assertThat(events.get(1).offsetToken().substring(0, 18)).isEqualTo(events.get(2).offsetToken().substring(0, 18));
        assertThat(events.get(1).txId()).isEqualTo(events.get(2).txId());
        assertThat(events).extracting(ChangeEvent::offsetToken).allMatch(t -> t.startsWith("1-"));
        assertThat(tokensOf(events, "orders")).isSorted();
        assertThat(tokensOf(events, "customers")).isSorted();
        assertThat(skipped(parsed)).contains("tombstone", "transaction-marker", "heartbeat");
    }

    @Test
    void should_read_the_envelope_without_schemas_with_values_as_the_json_has_them() {
        List<ChangeEvent> events = events(parseAll(WITHOUT_SCHEMAS));

        assertThat(events).extracting(e -> e.table() + ":" + e.op())
                .containsExactly("customers:CREATE", "orders:CREATE", "orders:CREATE", "customers:UPDATE",
                        "orders:DELETE");
        assertThat(events.get(0).key()).isEqualTo(Map.of("customer_id", 1));
        // without a schema a TIMESTAMP is the number the connector wrote: microseconds since the epoch
        assertThat(events.get(0).after()).get().satisfies(row -> assertThat(row)
                .containsEntry("created_at", 1_796_119_200_123_456L));
        assertThat(events.get(1).after()).get().satisfies(row -> assertThat(row).containsEntry("amount", "12.50"));
        assertThat(events.get(1).offsetToken().substring(0, 18)).isEqualTo(events.get(2).offsetToken().substring(0, 18));
    }

    @Test
    void should_read_the_unwrap_shape_with_its_added_fields() {
        List<ChangeEvent> events = events(parseAll(UNWRAPPED));

        assertThat(events).extracting(e -> e.table() + ":" + e.op())
                .containsExactly("customers:CREATE", "orders:CREATE", "orders:CREATE", "customers:UPDATE",
                        "orders:DELETE");
        ChangeEvent deleted = events.get(4);
        assertThat(deleted.before()).get().satisfies(row -> assertThat(row)
                .containsEntry("order_id", 11).doesNotContainKeys("__deleted", "__op", "__lsn"));
        assertThat(deleted.after()).isEmpty();
        assertThat(deleted.key()).isEqualTo(Map.of("order_id", 11));
        assertThat(events.get(3).after()).get().satisfies(row -> assertThat(row).containsEntry("name", "Ann B"));
        // the unwrap shape has no transaction position: each change is a transaction of its own
        assertThat(events.get(1).offsetToken().substring(0, 18))
                .isNotEqualTo(events.get(2).offsetToken().substring(0, 18));
        assertThat(tokensOf(events, "orders")).isSorted();
    }

    @Test
    void should_name_the_partitions_channel_and_the_offset_as_the_place_in_it() {
        Exchange exchange = kafka("dbserver1.public.orders", 3, 42L, WITH_SCHEMAS.stream()
                .filter(m -> m.topic().equals("dbserver1.public.orders")).findFirst().orElseThrow());

        parser.process(exchange);

        assertThat(exchange.getMessage().getHeader(ChangeHeaders.CHANNEL)).isEqualTo("dbserver1_public_orders_3");
        assertThat(exchange.getMessage().getHeader(ChangeHeaders.CHANNEL_TOKEN)).isEqualTo("0000000000000000042");
        assertThat(exchange.getMessage().getHeader(ChangeHeaders.TABLE)).isEqualTo("orders");
    }

    @Test
    void should_take_the_table_from_the_settings_where_they_name_one_for_the_topic() {
        KafkaChangeParser renamed = new KafkaChangeParser(TopicTables.parse("legacy.orders=sales.orders_v2"));
        Exchange exchange = kafka("legacy.orders", 0, 0L, UNWRAPPED.stream()
                .filter(m -> m.topic().equals("dbserver1.public.orders")).findFirst().orElseThrow());

        renamed.process(exchange);

        ChangeEvent event = exchange.getMessage().getBody(ChangeEvent.class);
        assertThat(event.sourceSchema() + "." + event.table()).isEqualTo("sales.orders_v2");
    }

    @Test
    void should_give_a_change_kafka_holds_twice_one_token() {
        // a connector that crashed publishes again what it had published since its last saved position
        DebeziumJson.Message update = WITH_SCHEMAS.stream().filter(m -> m.topic().equals("dbserver1.public.customers")
                && m.value() != null && m.value().contains("\"op\":\"u\"")).findFirst().orElseThrow();
        Exchange first = kafka(update.topic(), 2, 17L, update);
        Exchange again = kafka(update.topic(), 2, 941L, update);

        parser.process(first);
        parser.process(again);

        assertThat(again.getMessage().getBody(ChangeEvent.class).offsetToken())
                .isEqualTo(first.getMessage().getBody(ChangeEvent.class).offsetToken());
        assertThat(again.getMessage().getHeader(ChangeHeaders.CHANNEL_TOKEN)).isEqualTo("0000000000000000941");
    }

    @Test
    void should_tell_apart_changes_at_one_source_position() {
        // rows of one COPY share a WAL record, so an LSN; rows of a keyless table have no Kafka key and spread
        String copied = "{\"before\":null,\"after\":{\"line\":\"x\"},\"source\":{\"schema\":\"public\","
                + "\"table\":\"audit_log\",\"lsn\":5000,\"sequence\":\"[\\\"4000\\\",\\\"5000\\\"]\","
                + "\"txId\":9,\"ts_ms\":1796119200000},\"op\":\"c\"}";
        List<String> tokens = new ArrayList<>();
        for (Exchange row : List.of(kafka("dbserver1.public.audit_log", 0, 5L, new DebeziumJson.Message("t", null, copied)),
                kafka("dbserver1.public.audit_log", 1, 5L, new DebeziumJson.Message("t", null, copied)),
                kafka("dbserver1.public.audit_log", 0, 6L, new DebeziumJson.Message("t", null, copied)),
                kafka("dbserver1.public.orders", 0, 7L, new DebeziumJson.Message("t", "{\"order_id\":1}", copied)),
                kafka("dbserver1.public.orders", 0, 8L, new DebeziumJson.Message("t", "{\"order_id\":2}", copied)))) {
            parser.process(row);
            tokens.add(row.getMessage().getBody(ChangeEvent.class).offsetToken());
        }

        assertThat(tokens).doesNotHaveDuplicates().allMatch(t -> t.startsWith("1-0000000000000FA0-0000000000001388-"));
    }

    @Test
    void should_refuse_the_changes_of_a_second_table_in_one_topic() {
        Exchange customer = kafka("dbserver1.all", 0, 1L, UNWRAPPED.stream()
                .filter(m -> m.topic().equals("dbserver1.public.customers")).findFirst().orElseThrow());
        Exchange order = kafka("dbserver1.all", 0, 2L, UNWRAPPED.stream()
                .filter(m -> m.topic().equals("dbserver1.public.orders")).findFirst().orElseThrow());

        parser.process(customer);

        // one partition, one channel: the second table's changes would be taken for replays of the first's
        assertThatThrownBy(() -> parser.process(order)).isInstanceOf(MalformedChangeException.class)
                .hasMessageStartingWith("Topic dbserver1.all holds changes of more than one table (public.customers,"
                        + " then public.orders at dbserver1.all-0@2)");
    }

    @Test
    void should_skip_a_schema_change_event() {
        // what Debezium's connectors with a schema history write to the topic named after the prefix
        Exchange ddl = kafka("dbserver1", 0, 3L, new DebeziumJson.Message("dbserver1", "{\"databaseName\":\"shop\"}",
                "{\"source\":{\"server\":\"dbserver1\"},\"databaseName\":\"shop\",\"ddl\":\"ALTER TABLE orders ADD"
                        + " note TEXT\",\"tableChanges\":[]}"));

        parser.process(ddl);

        assertThat(ddl.getMessage().getHeader(ChangeHeaders.SKIPPED)).isEqualTo(KafkaChangeParser.SKIP_SCHEMA_CHANGE);
        assertThat(ddl.getMessage().getBody()).isNull();
    }

    @Test
    void should_refuse_what_is_not_a_change_with_where_it_is() {
        Exchange notJson = kafka("dbserver1.public.orders", 1, 7L, new DebeziumJson.Message("dbserver1.public.orders",
                "{\"order_id\":1}", "{not json"));
        assertThatThrownBy(() -> parser.process(notJson)).isInstanceOf(MalformedChangeException.class)
                .hasMessageStartingWith("Not JSON at dbserver1.public.orders-1@7");
        Exchange unknownOp = kafka("dbserver1.public.orders", 0, 8L, new DebeziumJson.Message("dbserver1.public.orders",
                null, "{\"op\":\"x\",\"source\":{},\"after\":{}}"));
        assertThatThrownBy(() -> parser.process(unknownOp)).isInstanceOf(MalformedChangeException.class)
                .hasMessage("Unknown Debezium operation 'x' at dbserver1.public.orders-0@8");
        assertThat(parser.describe(notJson.getMessage())).containsEntry("topic", "dbserver1.public.orders")
                .containsEntry("partition", 1).containsEntry("offset", 7L).containsEntry("value", "{not json");
    }

    private List<Exchange> parseAll(List<DebeziumJson.Message> messages) {
        List<Exchange> parsed = new ArrayList<>();
        long offset = 0;
        for (DebeziumJson.Message message : messages) {
            Exchange exchange = kafka(message.topic(), 0, offset++, message);
            parser.process(exchange);
            parsed.add(exchange);
        }
        return parsed;
    }

    private Exchange kafka(String topic, int partition, long offset, DebeziumJson.Message message) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(KafkaConstants.TOPIC, topic);
        exchange.getMessage().setHeader(KafkaConstants.PARTITION, partition);
        exchange.getMessage().setHeader(KafkaConstants.OFFSET, offset);
        exchange.getMessage().setHeader(KafkaConstants.KEY, message.key());
        exchange.getMessage().setHeader(KafkaConstants.TIMESTAMP, 1_764_583_200_000L);
        exchange.getMessage().setBody(message.value());
        return exchange;
    }

    private static List<ChangeEvent> events(List<Exchange> parsed) {
        return parsed.stream().map(e -> e.getMessage().getBody()).filter(ChangeEvent.class::isInstance)
                .map(ChangeEvent.class::cast).toList();
    }

    private static List<String> skipped(List<Exchange> parsed) {
        return parsed.stream().map(e -> e.getMessage().getHeader(ChangeHeaders.SKIPPED, String.class))
                .filter(java.util.Objects::nonNull).distinct().toList();
    }

    private static List<String> tokensOf(List<ChangeEvent> events, String table) {
        return events.stream().filter(e -> e.table().equals(table)).map(ChangeEvent::offsetToken).toList();
    }
}
