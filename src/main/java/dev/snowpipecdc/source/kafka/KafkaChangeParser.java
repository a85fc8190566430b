package dev.snowpipecdc.source.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.change.ChangeHeaders;
import dev.snowpipecdc.change.ChangeOp;
import dev.snowpipecdc.change.ChangeParser;
import dev.snowpipecdc.change.MalformedChangeException;
import dev.snowpipecdc.change.OffsetTokens;
import dev.snowpipecdc.source.debezium.DebeziumChangeParser;
import dev.snowpipecdc.source.debezium.DebeziumValues;
import dev.snowpipecdc.source.debezium.SourceBlock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;

/**
 * Parses what Debezium's PostgreSQL connector writes to Kafka with Kafka Connect's JSON converter into a
 * {@link ChangeEvent}, so that everything after the parser is the same as for the embedded engine:
 * <ul>
 *   <li>the change event envelope ({@code before}, {@code after}, {@code source}, {@code op}) with its schema
 *       ({@code {"schema": ..., "payload": ...}}, {@code value.converter.schemas.enable=true}, the default): values
 *       are typed, and timestamps, decimals and JSON columns come out as from the embedded engine; or without
 *       ({@code schemas.enable=false}): values as the JSON has them;</li>
 *   <li>the ExtractNewRecordState ("unwrap") shape: the row itself with the fields the SMT adds ({@code __op},
 *       {@code __table}, {@code __schema}, {@code __lsn}, {@code __source_ts_ms}, {@code __deleted});</li>
 *   <li>tombstones (a key without a value, which Debezium writes after each delete for log compaction): skipped
 *       and counted (a delete is the change event before it, or the unwrap shape's {@code __deleted} row);</li>
 *   <li>heartbeats, transaction markers and schema changes: skipped and counted.</li>
 * </ul>
 * The change's offset token, which orders a table's changes in the warehouse, comes from its source position
 * (commit LSN, LSN) as the embedded engine's does; changes at one position are told apart by their key, so that a
 * change published twice gets one token (see {@code tieBreaker}). Its channel is its topic-partition's and its
 * place there its Kafka offset ({@link ChangeHeaders#CHANNEL}, {@link ChangeHeaders#CHANNEL_TOKEN}).
 */
public final class KafkaChangeParser implements ChangeParser {

    public static final String SKIP_SCHEMA_CHANGE = "schema-change";

    private static final String HEARTBEAT_TOPIC_PREFIX = "__debezium-heartbeat";
    private static final String SCHEMA_FIRST = "{\"schema\":";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final TopicTables topicTables;
    private final Map<String, String> tableOfTopic = new ConcurrentHashMap<>();
    private final JsonConverter values = converter(ConverterType.VALUE);
    private final JsonConverter keys = converter(ConverterType.KEY);

    public KafkaChangeParser(TopicTables topicTables) {
        this.topicTables = topicTables;
    }

    private static JsonConverter converter(ConverterType type) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "true",
                JsonConverterConfig.TYPE_CONFIG, type.getName()));
        return converter;
    }

    /** Where the message is and what it holds, as text. */
    @Override
    public Map<String, Object> describe(Message message) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put(TOPIC, message.getHeader(KafkaConstants.TOPIC));
        raw.put("partition", message.getHeader(KafkaConstants.PARTITION));
        raw.put("offset", message.getHeader(KafkaConstants.OFFSET));
        raw.put("key", text(message.getHeader(KafkaConstants.KEY)));
        raw.put("value", text(message.getBody()));
        return raw;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        Position at = Position.of(in);
        in.setHeader(ChangeHeaders.CHANNEL, PartitionChannels.name(at.topic(), at.partition()));
        in.setHeader(ChangeHeaders.CHANNEL_TOKEN, PartitionChannels.position(at.offset()));
        if (at.topic().startsWith(HEARTBEAT_TOPIC_PREFIX)) {
            skip(in, DebeziumChangeParser.SKIP_HEARTBEAT);
            return;
        }
        if (at.topic().endsWith(".transaction")) {
            skip(in, DebeziumChangeParser.SKIP_TRANSACTION_MARKER);
            return;
        }
        String value = text(in.getBody());
        Map<String, Object> key = key(text(in.getHeader(KafkaConstants.KEY)), at);
        Map<String, Object> fields = value == null || value.isBlank() ? null : fields(value, at);
        if (fields == null) {
            skip(in, DebeziumChangeParser.SKIP_TOMBSTONE);
            return;
        }
        if (isSchemaChange(fields)) {
            skip(in, SKIP_SCHEMA_CHANGE);
            return;
        }
        ChangeEvent event = isEnvelope(fields) ? fromEnvelope(fields, key, in, at) : fromUnwrapped(fields, key, in, at);
        requireOneTable(at, event);
        in.setHeader(ChangeHeaders.TABLE, event.table());
        in.setBody(event);
    }

    /**
     * A partition's changes go to one channel, whose positions must only grow: changes of two tables in one topic
     * would reach it through two table routes, and one route's would be taken for replays of the other's. Such a
     * topic (a topic-routing SMT) is refused change by change, to the dead letters, rather than lost.
     */
    private void requireOneTable(Position at, ChangeEvent event) {
        String table = event.sourceSchema() + "." + event.table();
        String first = tableOfTopic.putIfAbsent(at.topic(), table);
        if (first != null && !first.equals(table)) {
            throw new MalformedChangeException("Topic " + at.topic() + " holds changes of more than one table (" + first
                    + ", then " + table + " at " + at + "); cdc.topology=consume needs a topic per table (no"
                    + " topic-routing SMT on the connector)");
        }
    }

    /** Where a message is, for error messages and tie-breakers. */
    private record Position(String topic, int partition, long offset) {

        static Position of(Message in) {
            String topic = in.getHeader(KafkaConstants.TOPIC, String.class);
            Integer partition = in.getHeader(KafkaConstants.PARTITION, Integer.class);
            Long offset = in.getHeader(KafkaConstants.OFFSET, Long.class);
            if (topic == null || partition == null || offset == null) {
                throw new MalformedChangeException("Not a Kafka message: no " + KafkaConstants.TOPIC + ", "
                        + KafkaConstants.PARTITION + " or " + KafkaConstants.OFFSET + " header");
            }
            return new Position(topic, partition, offset);
        }

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    private static void skip(Message in, String reason) {
        in.setHeader(ChangeHeaders.SKIPPED, reason);
        in.setBody(null);
    }

    /**
     * The JSON value's fields: with its schema through Kafka Connect's converter (typed, normalised like the
     * embedded engine's values), else as plain JSON; null for a JSON null (a tombstone as some tools write it).
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> fields(String value, Position at) {
        // Kafka Connect's JsonConverter writes the schema first: such a value is parsed once, by the converter
        if (value.startsWith(SCHEMA_FIRST)) {
            try {
                return structFields(values.toConnectData(at.topic(), value.getBytes(StandardCharsets.UTF_8)).value(),
                        at);
            } catch (DataException e) {
                // not that shape after all, or a payload that does not fit its schema: told apart below
            }
        }
        JsonNode root = json(value, at);
        if (root == null || root.isNull()) {
            return null;
        }
        if (!root.isObject()) {
            throw new MalformedChangeException("Not a JSON object at " + at + " but " + root.getNodeType());
        }
        if (withSchema(root)) {
            return structFields(connectData(values, value, "JSON", at), at);
        }
        return JSON.convertValue(root, Map.class);
    }

    /** A value the converter made: a struct's fields, null for a null payload. */
    private static Map<String, Object> structFields(Object data, Position at) {
        if (data == null) {
            return null;
        }
        if (!(data instanceof Struct struct)) {
            throw new MalformedChangeException("Not a JSON object at " + at + " but " + data.getClass().getName());
        }
        return DebeziumValues.toMap(struct);
    }

    /** JSON with its schema, as Kafka Connect's data. */
    private static Object connectData(JsonConverter converter, String text, String what, Position at) {
        try {
            return converter.toConnectData(at.topic(), text.getBytes(StandardCharsets.UTF_8)).value();
        } catch (DataException e) {
            throw new MalformedChangeException(what + " whose schema does not fit its payload at " + at + ": "
                    + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> key(String text, Position at) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // a key that is not JSON (a plain string key): kept as it is
            return Map.of("key", text);
        }
        if (root.isObject() && withSchema(root)) {
            Object value = connectData(keys, text, "A key", at);
            return value instanceof Struct struct ? DebeziumValues.toMap(struct)
                    : value == null ? Map.of() : Map.of("key", value);
        }
        if (root.isObject()) {
            return JSON.convertValue(root, Map.class);
        }
        return root.isNull() ? Map.of() : Map.of("key", JSON.convertValue(root, Object.class));
    }

    private static JsonNode json(String text, Position at) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedChangeException("Not JSON at " + at + ": " + e.getOriginalMessage());
        }
    }

    private static boolean withSchema(JsonNode root) {
        return root.size() == 2 && root.has("schema") && root.has("payload");
    }

    private static boolean isEnvelope(Map<String, Object> fields) {
        return fields.containsKey("op") && fields.containsKey("source")
                && (fields.containsKey("after") || fields.containsKey("before"));
    }

    /** Debezium's schema change event (the topic named after the prefix, for connectors that write one). */
    private static boolean isSchemaChange(Map<String, Object> fields) {
        return !fields.containsKey("op") && (fields.containsKey("ddl") || fields.containsKey("tableChanges"));
    }

    private ChangeEvent fromEnvelope(Map<String, Object> fields, Map<String, Object> key, Message in, Position at) {
        String opCode = String.valueOf(fields.get("op"));
        ChangeOp op = ChangeOp.fromCode(opCode).orElseThrow(() ->
                new MalformedChangeException("Unknown Debezium operation '" + opCode + "' at " + at));
        if (!(fields.get("source") instanceof Map<?, ?> sourceFields)) {
            throw new MalformedChangeException("No source block in the " + op + " change at " + at);
        }
        SourceBlock source = new SourceBlock(sourceFields);
        Map<String, Object> before = row(fields.get("before"), "before", at);
        Map<String, Object> after = row(fields.get("after"), "after", at);
        if (op != ChangeOp.TRUNCATE && (op == ChangeOp.DELETE ? before == null && key.isEmpty() : after == null)) {
            throw new MalformedChangeException("The " + op + " change at " + at + " has no "
                    + (op == ChangeOp.DELETE ? "before row or key" : "after row"));
        }
        TopicTables.Table table = table(at, source.text("schema").orElse(null), source.text("table").orElse(null));
        Optional<Long> lsn = source.lsn();
        String token = lsn.isEmpty() ? positionOnly(at)
                : source.snapshot() ? OffsetTokens.format(0, lsn.get(), 0, tieBreaker(op, key, at))
                : OffsetTokens.format(1, source.lastCommitLsn().orElse(0L), lsn.get(), tieBreaker(op, key, at));
        Instant committedAt = source.commitTime()
                .or(() -> SourceBlock.number(fields, "ts_ms").map(Instant::ofEpochMilli))
                .orElseGet(() -> kafkaTime(in));
        return new ChangeEvent(table.schema(), table.name(), op, Optional.ofNullable(before),
                Optional.ofNullable(after), key, committedAt, lsn.orElse(0L), source.txId(), token, Map.of());
    }

    private ChangeEvent fromUnwrapped(Map<String, Object> fields, Map<String, Object> key, Message in, Position at) {
        Map<String, Object> row = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (!name.startsWith("__")) {
                row.put(name, value);
            }
        });
        boolean deleted = "true".equalsIgnoreCase(String.valueOf(fields.get("__deleted")));
        Object opField = fields.get("__op");
        // without __op a row is an upsert: the warehouse applies creates and updates alike
        ChangeOp op = deleted ? ChangeOp.DELETE : opField == null ? ChangeOp.UPDATE
                : ChangeOp.fromCode(opField.toString()).orElseThrow(() ->
                        new MalformedChangeException("Unknown operation __op '" + opField + "' at " + at));
        TopicTables.Table table = table(at, text(fields.get("__schema")), text(fields.get("__table")));
        Optional<Long> lsn = SourceBlock.number(fields, "__lsn");
        // without the commit position of the transaction before it, each change counts as a transaction of its own
        String token = lsn.isEmpty() ? positionOnly(at)
                : op == ChangeOp.READ ? OffsetTokens.format(0, lsn.get(), 0, tieBreaker(op, key, at))
                : OffsetTokens.format(1, lsn.get(), lsn.get(), tieBreaker(op, key, at));
        Instant committedAt = SourceBlock.number(fields, "__source_ts_ms").map(Instant::ofEpochMilli)
                .orElseGet(() -> kafkaTime(in));
        return new ChangeEvent(table.schema(), table.name(), op,
                op == ChangeOp.DELETE ? Optional.of(row) : Optional.empty(),
                op == ChangeOp.DELETE ? Optional.empty() : Optional.of(row), key.isEmpty() ? Map.of() : key,
                committedAt, lsn.orElse(0L), OptionalLong.empty(), token, Map.of());
    }

    private TopicTables.Table table(Position at, String schema, String table) {
        return topicTables.configured(at.topic())
                .or(() -> Optional.ofNullable(table).map(t -> new TopicTables.Table(schema == null
                        ? TopicTables.fromTopicName(at.topic()).schema() : schema, t)))
                .orElseGet(() -> TopicTables.fromTopicName(at.topic()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Object value, String what, Position at) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new MalformedChangeException("The " + what + " of the change at " + at + " is not an object");
    }

    /**
     * The tie-breaker between changes at one source position: rows of one statement written as one WAL record
     * (COPY), the delete and the create of a primary key update, the rows of one snapshot. A change with a key is
     * told apart by its key (a hash), which depends on the change alone, so that a change Kafka holds twice (a
     * connector that published it again after a crash) gets one token and the warehouse applies it once; a delete
     * sorts first, as the embedded engine's tokens have it. A row without a key is told apart by its partition and
     * offset (so such a row published twice lands twice in its append-only table).
     */
    private static long tieBreaker(ChangeOp op, Map<String, Object> key, Position at) {
        if (key.isEmpty()) {
            return withoutKey(at);
        }
        long hash = key.toString().hashCode() & 0x7FFF_FFFFL;
        return op == ChangeOp.DELETE ? hash : 0x8000_0000L | hash;
    }

    /** 8 bits of the partition and 24 of the offset: rows at one position are written within moments. */
    private static long withoutKey(Position at) {
        return ((long) (at.partition() & 0xFF) << 24) | (at.offset() & 0xFF_FFFFL);
    }

    /**
     * Without a source position a change is ordered by its Kafka offset, as a transaction of its own (a key's
     * changes share a partition); the partition tells apart changes of several partitions at the same offset.
     */
    private static String positionOnly(Position at) {
        return OffsetTokens.format(1, at.offset(), 0, at.partition());
    }

    private static Instant kafkaTime(Message in) {
        Long timestamp = in.getHeader(KafkaConstants.TIMESTAMP, Long.class);
        return timestamp == null ? Instant.EPOCH : Instant.ofEpochMilli(timestamp);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }
}
