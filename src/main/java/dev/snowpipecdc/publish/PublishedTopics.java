package dev.snowpipecdc.publish;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics the publish topology writes, one per captured table (and one for dead letters), and how far each table
 * topic's partitions already hold the source's changes. {@link #prepare} (before the source starts) creates the
 * topics that do not exist and reads the offset token of each partition's last record: after a crash Debezium
 * replays what came after its last saved position, and the changes at or below that token are in Kafka already, so
 * they are not published again (this holds while the publisher is the only writer of its topics: one replica).
 * A change's partition is chosen here as Kafka's default partitioner chooses it for a keyed record (murmur2 of the
 * key), so that a key's changes stay in one partition and the partition is known before sending.
 */
public final class PublishedTopics {

    private static final Logger LOG = LoggerFactory.getLogger(PublishedTopics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How far back from a partition's end its last token is looked for (compaction may have removed the last). */
    private static final int TAIL = 100;

    private final Supplier<Properties> clientProperties;
    private final List<String> topics;
    private final String deadLetterTopic;
    private final int partitions;
    private final Optional<Short> replicationFactor;
    private final Path sourceOffsets;
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private final Map<TopicPartition, String> published = new ConcurrentHashMap<>();

    /**
     * @param clientProperties  Kafka client settings (brokers, security) for the admin client and the reader, read
     *                          when the topics are prepared
     * @param topics            the captured tables' topics
     * @param deadLetterTopic   where messages that are not changes go
     * @param partitions        for topics made here
     * @param replicationFactor for topics made here; empty for the broker's default
     * @param sourceOffsets     Debezium's offsets file: without it the source starts afresh (see {@link #prepare})
     */
    public PublishedTopics(Supplier<Properties> clientProperties, List<String> topics, String deadLetterTopic,
                           int partitions, Optional<Short> replicationFactor, Path sourceOffsets) {
        this.clientProperties = clientProperties;
        this.topics = List.copyOf(topics);
        this.deadLetterTopic = deadLetterTopic;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.sourceOffsets = sourceOffsets;
    }

    /**
     * Creates the topics that do not exist and reads where each partition stands. Without Debezium's offsets (a new
     * data directory) the source starts afresh: a new snapshot, and a first transaction whose tokens sort below
     * anything published before, so nothing is skipped then; Kafka may hold changes twice.
     */
    public void prepare() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(only(AdminClientConfig.configNames()))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = Stream.concat(topics.stream(), Stream.of(deadLetterTopic))
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, Optional.of(partitions), replicationFactor)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Created Kafka topics {} ({} partitions each)", missing.stream().map(NewTopic::name).toList(),
                        partitions);
            }
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            described.forEach((topic, description) -> partitionCounts.put(topic, description.partitions().size()));
        }
        published.clear();
        if (Files.exists(sourceOffsets)) {
            readLastTokens();
        } else {
            LOG.info("No saved source position ({}): publishing everything the source reads, whatever the topics"
                    + " hold already", sourceOffsets);
        }
    }

    /** Whether the topic is one of the captured tables'. */
    public boolean publishes(String topic) {
        return partitionCounts.containsKey(topic);
    }

    /** The partition of a record with this key (JSON); records without a key all go to partition 0, in order. */
    public int partitionFor(String topic, byte[] key) {
        Integer count = partitionCounts.get(topic);
        if (count == null) {
            throw new IllegalStateException("Topic " + topic + " is not one of the published topics " + topics);
        }
        return key == null ? 0 : Utils.toPositive(Utils.murmur2(key)) % count;
    }

    /** Whether the partition holds the record with this token already. */
    public boolean publishedBefore(String topic, int partition, String token) {
        String last = published.get(new TopicPartition(topic, partition));
        return last != null && last.compareTo(token) >= 0;
    }

    /**
     * The partition holds (or will, once Kafka has acknowledged what was sent) the record with this token: Debezium
     * also replays inside a process, after it reconnects to PostgreSQL, from the last position it confirmed.
     */
    public void published(String topic, int partition, String token) {
        published.merge(new TopicPartition(topic, partition), token, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    public List<String> topics() {
        return topics;
    }

    /** The token of the last record that has one, in each partition's last {@value #TAIL} offsets. */
    private void readLastTokens() throws TimeoutException {
        Properties reader = only(ConsumerConfig.configNames());
        reader.remove(ConsumerConfig.GROUP_ID_CONFIG);
        reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        reader.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        reader.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(reader)) {
            List<TopicPartition> all = new ArrayList<>();
            partitionCounts.forEach((topic, count) -> {
                for (int p = 0; p < count; p++) {
                    all.add(new TopicPartition(topic, p));
                }
            });
            Map<TopicPartition, Long> ends = consumer.endOffsets(all, TIMEOUT);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(all, TIMEOUT);
            List<TopicPartition> filled = all.stream().filter(p -> ends.get(p) > starts.get(p)).toList();
            consumer.assign(filled);
            filled.forEach(p -> consumer.seek(p, Math.max(starts.get(p), ends.get(p) - TAIL)));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            // compaction may leave gaps: read on until each position has reached the end it had
            while (filled.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("Could not read the last records of " + filled + " within "
                            + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header token = record.headers().lastHeader(ChangePublisher.OFFSET_TOKEN_HEADER);
                    if (token != null && record.offset() < ends.get(new TopicPartition(record.topic(),
                            record.partition()))) {
                        published(record.topic(), record.partition(), new String(token.value(),
                                StandardCharsets.UTF_8));
                    }
                }
            }
        }
        LOG.info("Kafka topics {}: {} partitions hold changes published before, up to {}", topics, published.size(),
                published);
    }

    /** The client properties that a client with these settings knows (so that it logs no unknown ones). */
    private Properties only(Set<String> names) {
        Properties chosen = new Properties();
        clientProperties.get().forEach((key, value) -> {
            if (names.contains(key.toString())) {
                chosen.put(key, value);
            }
        });
        return chosen;
    }
}
