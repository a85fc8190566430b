package dev.snowpipecdc.publish;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.change.ChangeHeaders;
import dev.snowpipecdc.change.ChangeOp;
import dev.snowpipecdc.change.ChangeParser;
import dev.snowpipecdc.change.MalformedChangeException;
import dev.snowpipecdc.deadletter.DeadLetters;
import dev.snowpipecdc.monitoring.Meters;
import dev.snowpipecdc.warehouse.tables.TableSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Struct;

/**
 * The publish topology's one step (routes/publish-kafka.camel.yaml): each message of {@code debezium-postgres:}
 * becomes the Kafka records Debezium in Kafka Connect would write: the change event on its table's topic
 * ({@code <cdc.source.name>.<schema>.<table>}) in Kafka Connect's JSON ({@link ConnectEnvelope}), keyed by the
 * primary key, on the key's partition, and after a delete a tombstone for log compaction. Each record carries the
 * change's offset token (the direct topology's, from the source parser) in the {@value #OFFSET_TOKEN_HEADER}
 * header, so that a restarted publisher knows what each partition holds ({@link PublishedTopics}) and does not
 * publish it again. Heartbeats and transaction markers are skipped, as the parser says; a message the parser refuses,
 * and a change of a table that has no topic, go to the dead-letter topic with the reason. The body stays the parsed
 * change, for the change counter.
 */
public final class ChangePublisher implements Processor {

    /** Record header: the change's offset token. */
    public static final String OFFSET_TOKEN_HEADER = "cdc.offset.token";
    /** Record headers of a dead letter: why it could not be published, and the detail. */
    public static final String REASON_HEADER = "cdc.dead.letter.reason";
    public static final String DETAIL_HEADER = "cdc.dead.letter.detail";
    /** Skip reason of a change its partition holds already. */
    public static final String SKIP_PUBLISHED_BEFORE = "published-before";
    /** Appended to a delete's token for its tombstone, which sorts between the delete and the next change. */
    static final String TOMBSTONE_SUFFIX = "T";
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final ChangeParser parser;
    private final PublishedTopics topics;
    private final ConnectEnvelope envelope;
    private final KafkaDelivery delivery;
    private final boolean tombstones;
    private final String deadLetterTopic;
    private final MeterRegistry meters;

    /**
     * @param tombstones      a tombstone after each delete, as Debezium's {@code tombstones.on.delete} (its default)
     * @param deadLetterTopic where messages the parser refuses go
     */
    public ChangePublisher(ChangeParser parser, PublishedTopics topics, ConnectEnvelope envelope,
                           KafkaDelivery delivery, boolean tombstones, String deadLetterTopic, MeterRegistry meters) {
        this.parser = parser;
        this.topics = topics;
        this.envelope = envelope;
        this.delivery = delivery;
        this.tombstones = tombstones;
        this.deadLetterTopic = deadLetterTopic;
        this.meters = meters;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        Object row = in.getBody();
        try {
            parser.process(exchange);
        } catch (MalformedChangeException e) {
            deadLetter(in, row, DeadLetters.MALFORMED, e.getMessage());
            return;
        }
        if (in.getHeader(ChangeHeaders.SKIPPED) != null) {
            return;
        }
        ChangeEvent event = in.getMandatoryBody(ChangeEvent.class);
        String topic = in.getHeader(DebeziumConstants.HEADER_IDENTIFIER, String.class);
        if (!topics.publishes(topic)) {
            deadLetter(in, row, DeadLetters.UNKNOWN_TABLE, "No topic for table " + event.sourceSchema() + "."
                    + event.table() + ": add it to " + TableSettings.TABLES + " (CDC_SOURCE_TABLES)");
            return;
        }
        byte[] key = envelope.key(topic, in);
        int partition = topics.partitionFor(topic, key);
        String token = event.offsetToken();
        boolean tombstone = tombstones && event.op() == ChangeOp.DELETE && key != null;
        if (topics.publishedBefore(topic, partition, tombstone ? token + TOMBSTONE_SUFFIX : token)) {
            in.setHeader(ChangeHeaders.SKIPPED, SKIP_PUBLISHED_BEFORE);
            return;
        }
        if (!topics.publishedBefore(topic, partition, token)) {
            delivery.send(record(topic, partition, key, envelope.value(topic, in, (Struct) row), token));
            topics.published(topic, partition, token);
        }
        if (tombstone) {
            delivery.send(record(topic, partition, key, null, token + TOMBSTONE_SUFFIX));
            topics.published(topic, partition, token + TOMBSTONE_SUFFIX);
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int partition, byte[] key, byte[] value,
                                                         String token) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(OFFSET_TOKEN_HEADER, token.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, partition, key, value, headers);
    }

    /**
     * The message as the parser describes it, as JSON, with the reason in its headers (after a crash, one that came
     * after the last saved position is dead-lettered again).
     */
    private void deadLetter(Message in, Object row, String reason, String detail) throws JsonProcessingException {
        in.setBody(row);
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("reason", reason);
        letter.put("detail", detail);
        letter.put("message", parser.describe(in));
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(DETAIL_HEADER, detail.getBytes(StandardCharsets.UTF_8));
        delivery.send(new ProducerRecord<>(deadLetterTopic, null, (byte[]) null, JSON.writeValueAsBytes(letter),
                headers));
        meters.counter(Meters.DEAD_LETTERS, Meters.REASON, reason).increment();
        in.setHeader(ChangeHeaders.SKIPPED, reason);
        in.setBody(null);
    }
}
