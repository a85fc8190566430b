package dev.snowpipecdc.source.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which source table a Kafka topic holds where the messages do not say (the "unwrap" shape without
 * {@code __table}, a tombstone) or where a topic was renamed on the way: {@code cdc.kafka.topic-tables}, entries
 * {@code topic=schema.table} (or {@code topic=table}, schema {@code public}) separated by commas. Otherwise the
 * message's own source block, and last Debezium's topic naming, {@code <prefix>.<schema>.<table>}.
 */
public final class TopicTables {

    public static final String SETTING = "cdc.kafka.topic-tables";

    /** A source table. */
    public record Table(String schema, String name) {
    }

    private final Map<String, Table> byTopic;

    private TopicTables(Map<String, Table> byTopic) {
        this.byTopic = byTopic;
    }

    public static TopicTables none() {
        return new TopicTables(Map.of());
    }

    /** @throws IllegalArgumentException for an entry that is not {@code topic=schema.table} */
    public static TopicTables parse(String setting) {
        Map<String, Table> byTopic = new LinkedHashMap<>();
        if (setting != null) {
            for (String entry : setting.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] parts = entry.split("=", 2);
                if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    throw new IllegalArgumentException(SETTING + ": '" + entry.strip() + "' is not topic=schema.table");
                }
                byTopic.put(parts[0].strip(), table(parts[1].strip()));
            }
        }
        return new TopicTables(Map.copyOf(byTopic));
    }

    /** The table configured for the topic. */
    public Optional<Table> configured(String topic) {
        return Optional.ofNullable(byTopic.get(topic));
    }

    /** The table a topic named the way Debezium names them ({@code prefix.schema.table}) holds. */
    public static Table fromTopicName(String topic) {
        String[] parts = topic.split("\\.");
        return parts.length >= 2 ? new Table(parts[parts.length - 2], parts[parts.length - 1])
                : new Table("public", topic);
    }

    private static Table table(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? new Table("public", qualified)
                : new Table(qualified.substring(0, dot), qualified.substring(dot + 1));
    }
}
