package dev.snowpipecdc.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.snowpipecdc.demo.SourceDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The ceiling a pipeline is measured against: Camel's {@code debezium-postgres:} endpoint with the connector settings
 * of the pipeline's source route (routes/source-debezium.camel.yaml: pgoutput, exact decimals, transaction markers,
 * TRUNCATE kept, its poll interval, the reselect post-processor) and a processor that only counts the changes. Offsets
 * are kept in memory: the ceiling reads a replication slot made for it once.
 */
public final class CeilingRun {

    private CeilingRun() {
    }

    /** Changes per second from the route's start until {@code changes} changes (not markers) have arrived. */
    public static Measured measure(SourceDatabase source, String slot, String publication, String tables,
                                   long changes, Duration timeout) throws Exception {
        return measure(source, slot, publication, tables, changes, DEFAULT_POLL_INTERVAL_MS, timeout);
    }

    /** As the pipeline's: its cdc.source.poll-interval-ms default (application.properties). */
    static final long DEFAULT_POLL_INTERVAL_MS = 10;

    /** With the pipeline's {@code cdc.source.poll-interval-ms}, when a run changes it. */
    static Measured measure(SourceDatabase source, String slot, String publication, String tables, long changes,
                            long pollIntervalMs, Duration timeout) throws Exception {
        AtomicLong seen = new AtomicLong();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("debezium-postgres:" + slot + "?databaseHostname=localhost&databasePort=" + source.port()
                            + "&databaseUser=postgres&databasePassword=postgres&databaseDbname=postgres"
                            + "&topicPrefix=" + slot + "&pluginName=pgoutput&slotName=" + slot
                            + "&publicationName=" + publication + "&publicationAutocreateMode=disabled"
                            + "&tableIncludeList=" + tables + "&snapshotMode=no_data"
                            + "&decimalHandlingMode=string&skippedOperations=none&provideTransactionMetadata=true"
                            + "&pollIntervalMs=" + pollIntervalMs + "&heartbeatIntervalMs=5000"
                            + "&additionalProperties.post.processors=reselector"
                            + "&additionalProperties.reselector.type="
                            + "io.debezium.processors.reselect.ReselectColumnsPostProcessor"
                            + "&additionalProperties.reselector.reselect.unavailable.values=true"
                            + "&additionalProperties.reselector.reselect.null.values=false"
                            + "&offsetStorage=org.apache.kafka.connect.storage.MemoryOffsetBackingStore")
                            .routeId("ceiling")
                            .process(exchange -> {
                                if (exchange.getMessage().getHeader(DebeziumConstants.HEADER_OPERATION) != null) {
                                    seen.incrementAndGet();
                                }
                            });
                }
            });
            // as for the pipeline, the clock starts once the route has started
            camel.start();
            ResourceUse use = ResourceUse.start();
            use.await(() -> seen.get() >= changes, timeout, "the ceiling route to read " + changes + " changes");
            return use.finish(changes);
        }
    }
}
