package dev.snowpipecdc.routes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.snowpipecdc.source.SourceBinder;
import dev.snowpipecdc.source.debezium.DebeziumSource;
import dev.snowpipecdc.source.kafka.KafkaSource;
import org.apache.camel.RoutesBuilder;

/**
 * How the pipeline is laid out ({@code cdc.topology}): which YAML route files and Java routes it loads, which source
 * it binds and where the changes go: to the warehouse (the table routes, the sink, the warehouse's objects and
 * monitors, the same for every topology that writes there) or to Kafka.
 */
public enum Topology {

    /** PostgreSQL → Debezium's embedded engine → the table routes → the warehouse, in one process. */
    DIRECT(List.of("source-debezium", "enrichment", "tables"), DebeziumSource::bind, true),

    /**
     * Debezium's change topics in Kafka (written by Kafka Connect, or by the publish topology) → a consumer group →
     * the table routes, a channel per partition → the warehouse; one process per member of the group.
     */
    CONSUME(List.of("source-kafka", "enrichment", "tables"), KafkaSource::bind, true),

    /**
     * PostgreSQL → Debezium's embedded engine → Kafka, a topic per table in Debezium's JSON (as Kafka Connect writes
     * it), for consume replicas or any other consumer of Debezium's topics; one process, no warehouse.
     */
    PUBLISH(List.of("source-debezium", "publish-kafka"), DebeziumSource::bind, false);

    public static final String SETTING = "cdc.topology";

    private final List<String> routeFiles;
    private final SourceBinder source;
    private final boolean writesToWarehouse;

    Topology(List<String> routeFiles, SourceBinder source, boolean writesToWarehouse) {
        this.routeFiles = routeFiles;
        this.source = source;
        this.writesToWarehouse = writesToWarehouse;
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

    /** Whether its changes go to the warehouse (else to Kafka). */
    public boolean writesToWarehouse() {
        return writesToWarehouse;
    }

    /** Its Java routes, made anew for each pipeline. */
    public List<RoutesBuilder> javaRoutes() {
        List<Supplier<RoutesBuilder>> routes = writesToWarehouse
                ? List.of(ChangeRoutes::new, TableRouteTemplate::new, DeadLetterRoutes::new, SchemaRoutes::new,
                        MonitoringRoutes::new)
                : List.of(PublishRoutes::new);
        return routes.stream().map(Supplier::get).toList();
    }
}
