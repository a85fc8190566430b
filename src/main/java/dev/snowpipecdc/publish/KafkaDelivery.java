package dev.snowpipecdc.publish;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import dev.snowpipecdc.delivery.DeliveryFailure;
import dev.snowpipecdc.delivery.DeliveryGate;
import dev.snowpipecdc.monitoring.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
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
public final class KafkaDelivery implements DeliveryGate, Service {

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final DeliveryFailure failure;
    private final MeterRegistry meters;
    private Producer<byte[], byte[]> producer;
    private boolean closed;

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
        if (closed) {
            throw new IllegalStateException("The Kafka producer is closed: the pipeline is stopping");
        }
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    /**
     * Sends the record; Kafka acknowledges it later (or {@link #fail}s delivery).
     *
     * @throws IllegalStateException once delivery has failed, also when this record's own send failed at once
     */
    void send(ProducerRecord<byte[], byte[]> record) {
        failure.requireNone();
        Producer<byte[], byte[]> producer = producer();
        producer.send(record, (metadata, exception) -> {
            if (exception == null) {
                meters.counter(Meters.KAFKA_PUBLISHED, Meters.TOPIC, record.topic()).increment();
                return;
            }
            boolean first = failure.reason().isEmpty();
            // the reason first: the records the close below fails must not be taken for it
            fail("Kafka did not take a record for " + record.topic() + "-" + record.partition() + ": "
                    + exception.getMessage());
            if (first) {
                // from the producer's callback this does not wait: what is still queued is failed, not written
                producer.close(Duration.ZERO);
            }
        });
        // some failures (a full buffer, no metadata within max.block.ms) call back at once, on this thread
        failure.requireNone();
    }

    @Override
    public void awaitDelivered() {
        failure.requireNone();
        Producer<byte[], byte[]> sent;
        synchronized (this) {
            sent = producer;
        }
        if (sent != null) {
            sent.flush();
        }
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

    @Override
    public void start() {
        // the producer is made on first use
    }

    /**
     * Sends what is left (waiting up to 30 s) and closes the producer. Camel stops services after the routes, so the
     * source has saved its last position (after a flush) by then.
     */
    @Override
    public synchronized void stop() {
        closed = true;
        if (producer != null) {
            producer.close(Duration.ofSeconds(30));
        }
    }
}
