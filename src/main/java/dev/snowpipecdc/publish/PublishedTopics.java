package dev.snowpipecdc.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
 * The topics the publish topology writes, one per captured table, and how far each of their partitions already
 * holds the source's changes. {@link #prepare} (before the source starts) creates the topics that do not exist and
 * reads the offset token of each partition's last record: Debezium replays what came after its last saved position
 * when it restarts after a crash, and the changes at or below that token are in Kafka already, so they are not
 * published again. A change's partition is chosen here as Kafka's default partitioner chooses it for a keyed record
 * (murmur2 of the key), so that a key's changes stay in one partition and the partition is known before sending.
 * This holds while the publisher is the only writer of its topics (one replica).
 */
public final class PublishedTopics {

    private static final Logger LOG = LoggerFactory.getLogger(PublishedTopics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<Properties> clientProperties;
    private final List<String> topics;
    private final int partitions;
    private final Optional<Short> replicationFactor;
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private final Map<TopicPartition, String> published = new ConcurrentHashMap<>();

    /**
     * @param clientProperties  Kafka client settings (brokers, security) for the admin client and the reader, read
     *                          when the topics are prepared
     * @param topics            the captured tables' topics
     * @param partitions        for topics made here
     * @param replicationFactor for topics made here; empty for the broker's default
     */
    public PublishedTopics(Supplier<Properties> clientProperties, List<String> topics, int partitions,
                           Optional<Short> replicationFactor) {
        this.clientProperties = clientProperties;
        this.topics = List.copyOf(topics);
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    /** Creates the topics that do not exist and reads where each partition stands. */
    public void prepare() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(only(AdminClientConfig.configNames()))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic))
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
        readLastTokens();
    }

    /** The partition of a record with this key (JSON); records without a key all go to partition 0, in order. */
    public int partitionFor(String topic, byte[] key) {
        Integer count = partitionCounts.get(topic);
        if (count == null) {
            throw new IllegalStateException("Topic " + topic + " is not one of the published topics " + topics
                    + ": a change of a table that cdc.source.tables does not name");
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

    private void readLastTokens() {
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
            filled.forEach(p -> consumer.seek(p, ends.get(p) - 1));
            Set<TopicPartition> pending = new HashSet<>(filled);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() == ends.get(partition) - 1) {
                        Header token = record.headers().lastHeader(ChangePublisher.OFFSET_TOKEN_HEADER);
                        if (token != null) {
                            published.put(partition, new String(token.value(), StandardCharsets.UTF_8));
                        }
                        pending.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
            }
            if (!pending.isEmpty()) {
                throw new IllegalStateException("Could not read the last records of " + pending + " within "
                        + TIMEOUT.toSeconds() + " s");
            }
        }
        LOG.info("Kafka topics {}: {} partitions hold changes published before, up to {}", topics, published.size(),
                published);
    }

    /**
     * The client properties that a client with these settings knows (so that it logs no unknown ones); camel-kafka
     * keeps some of them as the defaults of its Properties, which only getProperty finds.
     */
    private Properties only(Set<String> names) {
        Properties all = clientProperties.get();
        Properties chosen = new Properties();
        for (String name : names) {
            Object value = all.containsKey(name) ? all.get(name) : all.getProperty(name);
            if (value != null) {
                chosen.put(name, value);
            }
        }
        return chosen;
    }
}
