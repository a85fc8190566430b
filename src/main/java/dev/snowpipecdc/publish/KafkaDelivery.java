package dev.snowpipecdc.publish;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import dev.snowpipecdc.delivery.DeliveryFailure;
import dev.snowpipecdc.delivery.DeliveryGate;
import dev.snowpipecdc.monitoring.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The publish topology's delivery gate and its one Kafka producer (idempotent, {@code acks=all}). Records are sent
 * without waiting, in the order the source hands changes on; {@link #awaitDelivered}, which Debezium's offset store
 * calls before it saves a position, flushes the producer: it returns once Kafka has acknowledged every record sent
 * before it. The first record Kafka refuses (after the producer's own retries, {@code delivery.timeout.ms}) closes
 * the producer at once from its callback, so that no record after it is written either (no gap in a partition), and
 * stops the source: the position stays before it, and a restart publishes it again.
 */
public final class KafkaDelivery implements DeliveryGate, AutoCloseable {

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final DeliveryFailure failure;
    private final MeterRegistry meters;
    private Producer<byte[], byte[]> producer;

    /**
     * @param producers makes the producer, on first use: by then Camel has applied the camel.component.kafka.*
     *                  settings it is configured from
     */
    public KafkaDelivery(CamelContext context, Supplier<Producer<byte[], byte[]>> producers, MeterRegistry meters) {
        this.producers = producers;
        this.failure = new DeliveryFailure(context, "Kafka");
        this.meters = meters;
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    /** Sends the record; Kafka acknowledges it later (or {@link #fail}s delivery). */
    void send(ProducerRecord<byte[], byte[]> record) {
        failure.requireNone();
        Producer<byte[], byte[]> producer = producer();
        producer.send(record, (metadata, exception) -> {
            if (exception == null) {
                meters.counter(Meters.KAFKA_PUBLISHED, Meters.TOPIC, record.topic()).increment();
                return;
            }
            if (failure.reason().isEmpty()) {
                // from the producer's callback this does not wait: records not yet sent are failed, not written
                producer.close(Duration.ZERO);
            }
            fail("Kafka did not take a record for " + record.topic() + "-" + record.partition() + ": "
                    + exception.getMessage());
        });
    }

    @Override
    public void awaitDelivered() {
        failure.requireNone();
        producer().flush();
        failure.requireNone();
    }

    @Override
    public void fail(String reason) {
        failure.record(reason);
    }

    @Override
    public Optional<String> failure() {
        return failure.reason();
    }

    /** Sends what is left (waiting up to the timeout) and closes the producer. */
    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(30));
        }
    }
}
