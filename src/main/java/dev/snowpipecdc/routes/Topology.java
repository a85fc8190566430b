package dev.snowpipecdc.routes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.snowpipecdc.source.SourceBinder;
import dev.snowpipecdc.source.debezium.DebeziumSource;
import dev.snowpipecdc.source.kafka.KafkaSource;

/**
 * How the pipeline is laid out ({@code cdc.topology}): which YAML route files it loads and which source it binds.
 * Each topology lists its files by name; the table routes, the sink and the warehouse are the same for all.
 */
public enum Topology {

    /** PostgreSQL → Debezium's embedded engine → the table routes → the warehouse, in one process. */
    DIRECT(List.of("source-debezium", "enrichment", "tables"), DebeziumSource::bind),

    /**
     * Debezium's change topics in Kafka (written by Kafka Connect, or by the publish topology) → a consumer group →
     * the table routes, a channel per partition → the warehouse; one process per member of the group.
     */
    CONSUME(List.of("source-kafka", "enrichment", "tables"), KafkaSource::bind);

    public static final String SETTING = "cdc.topology";

    private final List<String> routeFiles;
    private final SourceBinder source;

    Topology(List<String> routeFiles, SourceBinder source) {
        this.routeFiles = routeFiles;
        this.source = source;
    }

    /** @throws IllegalArgumentException naming the valid values, for anything else */
    public static Topology of(String setting) {
        String value = setting == null || setting.isBlank() ? "direct" : setting.strip();
        return Arrays.stream(values()).filter(t -> t.setting().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(SETTING + " (CDC_TOPOLOGY) = " + value
                        + " is not a topology; valid: " + Arrays.stream(values()).map(Topology::setting)
                        .collect(Collectors.joining(", "))));
    }

    /** The value as written in cdc.topology. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Binds its source's beans: parser, acknowledgement, health check. */
    public SourceBinder source() {
        return source;
    }

    /** Its route files' names, without {@code .camel.yaml}, as packaged in routes/. */
    public List<String> routeFiles() {
        return routeFiles;
    }
}
