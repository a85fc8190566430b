package dev.snowpipecdc.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.snowpipecdc.demo.SourceDatabase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Debezium in Kafka Connect, as the consume topology meets it: the connector's JSON records of the captured tables
 * ({@link DebeziumJson}) published to their topics (prefix {@code .public.<table>}), keyed by the row's key so that
 * a key's changes share a partition, by an idempotent producer with {@code acks=all}.
 */
public final class KafkaConnect implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final DebeziumJson connector;
    private final List<DebeziumJson.Message> published = DebeziumJson.messages();
    private final AtomicLong changes = new AtomicLong();

    private KafkaConnect(SourceDatabase source, KafkaBroker kafka, String prefix, String tables) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
        connector = DebeziumJson.capture(source, "connect", tables, Map.of("topic.prefix", prefix), message -> {
            if (message.topic().startsWith(prefix + ".public.")) {
                publish(message);
                published.add(message);
                if (message.value() != null) {
                    changes.incrementAndGet();
                }
            }
        });
    }

    /** Starts publishing the changes of {@code tables} (e.g. {@code public.customers}) once the slot has a reader. */
    public static KafkaConnect start(SourceDatabase source, KafkaBroker kafka, String prefix, String tables) {
        return new KafkaConnect(source, kafka, prefix, tables);
    }

    /** Change events published (tombstones not counted). */
    public long changes() {
        return changes.get();
    }

    /** Every record published, tombstones included, in order. */
    public List<DebeziumJson.Message> published() {
        return published;
    }

    /** Publishes records again, as a connector does with what it published after its last saved position. */
    public void publishAgain(List<DebeziumJson.Message> messages) {
        messages.forEach(this::publish);
    }

    private void publish(DebeziumJson.Message message) {
        producer.send(new ProducerRecord<>(message.topic(), message.key(), message.value()));
    }

    @Override
    public void close() throws Exception {
        try {
            connector.close();
        } finally {
            producer.close();
        }
    }
}
