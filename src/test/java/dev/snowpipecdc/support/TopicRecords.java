package dev.snowpipecdc.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Every record a topic holds, read from each partition's start to its end, without a consumer group. */
public final class TopicRecords {

    /** One record: where it is, its key and value (null for a tombstone) and its offset token header. */
    public record Record(String topic, int partition, long offset, String key, String value, String token) {
    }

    private TopicRecords() {
    }

    public static List<Record> read(KafkaBroker kafka, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(),
                new StringDeserializer())) {
            int partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).size();
            List<TopicPartition> all = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p))
                    .toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> ends = consumer.endOffsets(all, Duration.ofSeconds(30));
            List<Record> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (all.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end within 60 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Header token = record.headers().lastHeader("cdc.offset.token");
                    records.add(new Record(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                            token == null ? null : new String(token.value(), StandardCharsets.UTF_8)));
                }
            }
            return records;
        }
    }
}
