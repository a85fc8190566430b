package dev.snowpipecdc.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Message;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;

/**
 * Writes a change as Debezium's PostgreSQL connector in Kafka Connect writes it with the JSON converter: the key
 * (the primary key's struct) and the change event envelope ({@code before}, {@code after}, {@code source},
 * {@code op}, {@code ts_ms}), each with its schema ({@code {"schema": ..., "payload": ...}}) or without, from what
 * {@code debezium-postgres:} delivered (the after row as body, the rest in camel-debezium's headers). The rows keep
 * the schemas Debezium gave them (so temporal, decimal and JSON columns are typed as in Kafka Connect); the source
 * block, which camel-debezium hands on as a map, gets the PostgreSQL connector's field types back.
 */
final class ConnectEnvelope {

    /** The PostgreSQL connector's source block fields, in its order; all but these are text. */
    private static final List<String> SOURCE_FIELDS = List.of("version", "connector", "name", "ts_ms", "snapshot",
            "db", "sequence", "ts_us", "ts_ns", "schema", "table", "txId", "lsn", "xmin");
    private static final Set<String> NUMERIC_SOURCE_FIELDS = Set.of("ts_ms", "ts_us", "ts_ns", "txId", "lsn", "xmin");
    private static final String SOURCE_SCHEMA_NAME = "io.debezium.connector.postgresql.Source";

    private final JsonConverter values;
    private final JsonConverter keys;
    /** Per topic, the envelope schema last made, and of which row and source schemas (Debezium reuses them). */
    private final Map<String, EnvelopeSchema> envelopes = new ConcurrentHashMap<>();
    private final Map<Set<String>, Schema> sourceSchemas = new ConcurrentHashMap<>();
    /** The last row schema seen per topic: a TRUNCATE carries no row, its envelope still names the table's. */
    private final Map<String, Schema> rowSchemas = new ConcurrentHashMap<>();

    /** @param schemasEnabled Kafka Connect's {@code schemas.enable}: each message carries its schema */
    ConnectEnvelope(boolean schemasEnabled) {
        values = converter(ConverterType.VALUE, schemasEnabled);
        keys = converter(ConverterType.KEY, schemasEnabled);
    }

    private static JsonConverter converter(ConverterType type, boolean schemasEnabled) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, String.valueOf(schemasEnabled),
                JsonConverterConfig.TYPE_CONFIG, type.getName()));
        return converter;
    }

    /** The key as JSON, or null for a table without a primary key (and for a TRUNCATE). */
    byte[] key(String topic, Message change) {
        Object key = change.getHeader(DebeziumConstants.HEADER_KEY);
        if (key instanceof Struct struct) {
            return keys.fromConnectData(topic, struct.schema(), struct);
        }
        return null;
    }

    /** The change event envelope as JSON; {@code after} is the body camel-debezium delivered. */
    byte[] value(String topic, Message change, Struct after) {
        Struct before = change.getHeader(DebeziumConstants.HEADER_BEFORE, Struct.class);
        Schema row = after != null ? after.schema() : before != null ? before.schema() : null;
        if (row != null) {
            rowSchemas.put(topic, row);
        } else {
            row = rowSchemas.computeIfAbsent(topic, t -> SchemaBuilder.struct().name(t + ".Value").optional().build());
        }
        Map<?, ?> sourceFields = change.getHeader(DebeziumConstants.HEADER_SOURCE_METADATA, Map.class);
        Schema source = sourceSchema(sourceFields == null ? Map.of() : sourceFields);
        Schema schema = envelopeSchema(topic, row, source);
        Struct envelope = new Struct(schema);
        envelope.put("before", before);
        envelope.put("after", after);
        envelope.put("source", source(source, sourceFields == null ? Map.of() : sourceFields));
        envelope.put("op", change.getHeader(DebeziumConstants.HEADER_OPERATION, String.class));
        envelope.put("ts_ms", change.getHeader(DebeziumConstants.HEADER_TIMESTAMP, Long.class));
        return values.fromConnectData(topic, schema, envelope);
    }

    private Schema envelopeSchema(String topic, Schema row, Schema source) {
        EnvelopeSchema last = envelopes.get(topic);
        if (last != null && last.row() == row && last.source() == source) {
            return last.envelope();
        }
        Schema envelope = SchemaBuilder.struct().name(topic + ".Envelope").version(2)
                .field("before", row)
                .field("after", row)
                .field("source", source)
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        envelopes.put(topic, new EnvelopeSchema(row, source, envelope));
        return envelope;
    }

    private record EnvelopeSchema(Schema row, Schema source, Schema envelope) {
    }

    /** The source block's schema: the connector's fields that are there, then any others as text. */
    private Schema sourceSchema(Map<?, ?> fields) {
        Set<String> names = new TreeSet<>();
        fields.keySet().forEach(name -> names.add(name.toString()));
        return sourceSchemas.computeIfAbsent(names, present -> {
            SchemaBuilder builder = SchemaBuilder.struct().name(SOURCE_SCHEMA_NAME);
            List<String> ordered = new ArrayList<>(SOURCE_FIELDS.stream().filter(present::contains).toList());
            present.stream().filter(name -> !SOURCE_FIELDS.contains(name)).forEach(ordered::add);
            ordered.forEach(name -> builder.field(name, NUMERIC_SOURCE_FIELDS.contains(name)
                    ? Schema.OPTIONAL_INT64_SCHEMA : Schema.OPTIONAL_STRING_SCHEMA));
            return builder.build();
        });
    }

    private static Struct source(Schema schema, Map<?, ?> fields) {
        Struct struct = new Struct(schema);
        fields.forEach((name, value) -> {
            if (value != null) {
                boolean numeric = NUMERIC_SOURCE_FIELDS.contains(name.toString());
                struct.put(name.toString(), numeric ? (Object) ((Number) value).longValue() : value.toString());
            }
        });
        return struct;
    }
}
