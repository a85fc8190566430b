package dev.snowpipecdc.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.snowpipecdc.demo.SourceDatabase;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;

import static org.awaitility.Awaitility.await;

/**
 * Debezium's PostgreSQL connector writing what Kafka Connect would write to Kafka: the embedded engine with the
 * {@link Json} format serialises each record with Kafka Connect's own JsonConverter, with or without schemas, and
 * runs the connector's SMTs (e.g. ExtractNewRecordState). Each record is handed on as a {@link Message}: its topic,
 * its key and value as JSON text (a tombstone has no value).
 */
public final class DebeziumJson implements AutoCloseable {

    /** One record as Kafka Connect's Debezium writes it. */
    public record Message(String topic, String key, String value) {
    }

    private final DebeziumEngine<ChangeEvent<String, String>> engine;
    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    private DebeziumJson(DebeziumEngine<ChangeEvent<String, String>> engine) {
        this.engine = engine;
        runner.execute(engine);
    }

    /**
     * Starts capturing {@code tables} (e.g. {@code public.customers}) of the source into {@code sink}, once the
     * slot has a reader.
     *
     * @param extra connector settings on top of the defaults (e.g. {@code converter.schemas.enable=false},
     *              {@code transforms=unwrap}, ...)
     */
    public static DebeziumJson capture(SourceDatabase source, String slot, String tables, Map<String, String> extra,
                                       Consumer<Message> sink) {
        Properties props = new Properties();
        props.put("name", "json-" + slot);
        props.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        props.put("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        props.put("offset.flush.interval.ms", "1000");
        props.put("database.hostname", "localhost");
        props.put("database.port", String.valueOf(source.port()));
        props.put("database.user", "postgres");
        props.put("database.password", "postgres");
        props.put("database.dbname", "postgres");
        props.put("topic.prefix", "dbserver1");
        props.put("plugin.name", "pgoutput");
        props.put("slot.name", slot);
        props.put("publication.name", slot);
        props.put("publication.autocreate.mode", "filtered");
        props.put("table.include.list", tables);
        props.put("snapshot.mode", "no_data");
        props.put("poll.interval.ms", "100");
        // its JMX names must differ from another capture's with the same topic prefix, or it waits for them
        props.put("custom.metric.tags", "capture=" + slot);
        props.putAll(extra);
        AtomicReference<String> stopped = new AtomicReference<>();
        DebeziumEngine<ChangeEvent<String, String>> engine = DebeziumEngine.create(Json.class)
                .using(props)
                .using((success, message, error) -> stopped.set(message + (error == null ? "" : ": " + error)))
                .notifying(record -> sink.accept(new Message(record.destination(), record.key(), record.value())))
                .build();
        DebeziumJson capture = new DebeziumJson(engine);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (stopped.get() != null) {
                throw new IllegalStateException("The Debezium engine stopped: " + stopped.get());
            }
            return source.slotActive(slot);
        });
        return capture;
    }

    /** Captures into a list: the messages in the order Debezium wrote them. */
    public static DebeziumJson capture(SourceDatabase source, String slot, String tables, Map<String, String> extra,
                                       List<Message> into) {
        return capture(source, slot, tables, extra, (Consumer<Message>) into::add);
    }

    /** A list that capture threads may add to while a test reads it. */
    public static List<Message> messages() {
        return new CopyOnWriteArrayList<>();
    }

    @Override
    public void close() throws Exception {
        engine.close();
        runner.shutdown();
        runner.awaitTermination(30, TimeUnit.SECONDS);
    }
}
