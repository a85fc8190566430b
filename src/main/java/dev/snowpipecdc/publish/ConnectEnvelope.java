package dev.snowpipecdc.publish;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.debezium.config.CommonConnectorConfig;
import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.Module;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.connector.postgresql.PostgresSourceInfoStructMaker;
import io.debezium.data.Envelope;
import io.debezium.schema.SchemaFactory;
import org.apache.camel.Message;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;

/**
 * Writes a change as Debezium's PostgreSQL connector in Kafka Connect writes it with the JSON converter: the key
 * (the primary key's struct) and the change event envelope, each with its schema ({@code {"schema": ...,
 * "payload": ...}}) or without, from what {@code debezium-postgres:} delivered (the after row as body, the rest in
 * camel-debezium's headers). The schemas are Debezium's own: the rows keep those Debezium gave them (so temporal,
 * decimal and JSON columns are typed as in Kafka Connect), the envelope and the source block are made by Debezium's
 * builders ({@link Envelope}, {@link PostgresSourceInfoStructMaker}) and filled from the source block camel-debezium
 * hands on as a map. Two things camel-debezium does not hand on: the {@code transaction} block is empty, as Debezium
 * writes it with {@code provide.transaction.metadata=false} (its default), and {@code ts_us}/{@code ts_ns} are
 * {@code ts_ms} in those units.
 */
final class ConnectEnvelope {

    private final JsonConverter values;
    private final JsonConverter keys;
    private final Schema source;
    /** Per topic, the envelope last made, and for which row schema (Debezium reuses them until a table changes). */
    private final Map<String, EnvelopeSchema> envelopes = new ConcurrentHashMap<>();
    /** The last row schema seen per topic: a TRUNCATE carries no row, its envelope still names the table's. */
    private final Map<String, Schema> rowSchemas = new ConcurrentHashMap<>();

    /**
     * @param schemasEnabled Kafka Connect's {@code schemas.enable}: each message carries its schema
     * @param sourceName     Debezium's logical name ({@code topic.prefix}), as its source block's schema knows it
     */
    ConnectEnvelope(boolean schemasEnabled, String sourceName) {
        values = converter(ConverterType.VALUE, schemasEnabled);
        keys = converter(ConverterType.KEY, schemasEnabled);
        PostgresSourceInfoStructMaker maker = new PostgresSourceInfoStructMaker();
        maker.init(Module.name(), Module.version(), new PostgresConnectorConfig(Configuration.create()
                .with(CommonConnectorConfig.TOPIC_PREFIX, sourceName).build()));
        source = maker.schema();
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
        Schema schema = envelopeSchema(topic, row);
        Struct envelope = new Struct(schema);
        envelope.put(Envelope.FieldName.BEFORE, before);
        envelope.put(Envelope.FieldName.AFTER, after);
        envelope.put(Envelope.FieldName.SOURCE, source(change.getHeader(DebeziumConstants.HEADER_SOURCE_METADATA,
                Map.class)));
        envelope.put(Envelope.FieldName.OPERATION, change.getHeader(DebeziumConstants.HEADER_OPERATION,
                String.class));
        Long millis = change.getHeader(DebeziumConstants.HEADER_TIMESTAMP, Long.class);
        if (millis != null) {
            envelope.put(Envelope.FieldName.TIMESTAMP, millis);
            envelope.put(Envelope.FieldName.TIMESTAMP_US, millis * 1_000L);
            envelope.put(Envelope.FieldName.TIMESTAMP_NS, millis * 1_000_000L);
        }
        return values.fromConnectData(topic, schema, envelope);
    }

    private Schema envelopeSchema(String topic, Schema row) {
        EnvelopeSchema last = envelopes.get(topic);
        if (last != null && last.row() == row) {
            return last.envelope();
        }
        Schema envelope = Envelope.defineSchema().withName(Envelope.schemaName(topic)).withRecord(row)
                .withSource(source).withTransaction(SchemaFactory.get().transactionBlockSchema()).build().schema();
        envelopes.put(topic, new EnvelopeSchema(row, envelope));
        return envelope;
    }

    private record EnvelopeSchema(Schema row, Schema envelope) {
    }

    /** The source block from camel-debezium's map of it, each field in its schema's type. */
    private Struct source(Map<?, ?> fields) {
        Struct struct = new Struct(source);
        if (fields == null) {
            return struct;
        }
        for (Field field : source.fields()) {
            Object value = fields.get(field.name());
            if (value != null) {
                struct.put(field, field.schema().type() == Schema.Type.INT64 ? (Object) ((Number) value).longValue()
                        : field.schema().type() == Schema.Type.STRING ? value.toString() : value);
            }
        }
        return struct;
    }
}
