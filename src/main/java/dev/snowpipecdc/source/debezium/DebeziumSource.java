package dev.snowpipecdc.source.debezium;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.Settings;
import dev.snowpipecdc.delivery.DeliveryGate;
import dev.snowpipecdc.monitoring.SourceSlot;
import dev.snowpipecdc.monitoring.SourceSlotMonitor;
import dev.snowpipecdc.routes.Endpoints;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.postgresql.ds.PGSimpleDataSource;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * The direct topology's source, Debezium's embedded engine (routes/source-debezium.camel.yaml), as one unit: the
 * parser that turns its messages into changes (bean {@code changeParser}), its acknowledgement (Debezium's offset
 * store asks the delivery gate before it saves a position: {@link GatedOffsetBackingStore}, found through the
 * offsets file), its health check ({@link SourceHealthCheck}, from Debezium's JMX registration and the
 * replication slot) and its meters (the replication slot's, {@link SourceSlotMonitor}). Nothing outside this
 * package knows about the engine.
 */
public final class DebeziumSource {

    /** The offsets file's name in cdc.data-dir; routes/source-debezium.camel.yaml names it too. */
    public static final String OFFSETS_FILE_NAME = "debezium-offsets.dat";
    private DebeziumSource() {
    }

    /**
     * @param gate   what the warehouse has committed
     * @param meters where the replication slot's meters go
     */
    public static void bind(CamelContext context, Settings settings, DeliveryGate gate, MeterRegistry meters) {
        SourceSlot slot = replicationSlot(settings);
        context.getRegistry().bind(Endpoints.SOURCE_MONITOR, new SourceSlotMonitor(slot, meters));
        context.getRegistry().bind(Endpoints.CHANGE_PARSER,
                new DebeziumChangeParser(Truncates.of(settings.required("cdc.source.truncate"))));
        Path offsets = offsetsFile(settings);
        try {
            // the warehouse topologies' embedded warehouse makes it too; publish has none
            Files.createDirectories(offsets.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create cdc.data-dir " + offsets.getParent()
                    + ", where Debezium's offsets are kept", e);
        }
        DeliveryGates.register(offsets, gate);
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                DeliveryGates.unregister(offsets);
            }
        });
        DebeziumEngine engine = new DebeziumEngine(settings.required("cdc.source.name"));
        context.getRegistry().bind(SourceHealthCheck.ID, HealthCheck.class, new SourceHealthCheck(context,
                Endpoints.SOURCE_ROUTE_ID, gate, engine, slot,
                Duration.ofMillis(settings.requiredLong("cdc.health.source-down-ms")),
                Clock.systemUTC()));
    }

    /** The replication slot Debezium reads, as PostgreSQL reports it. */
    private static SourceSlot replicationSlot(Settings settings) {
        PGSimpleDataSource monitorSource = PipelineConfiguration.sourceDataSource(settings, "snowpipe-cdc-monitor");
        // the readiness probe asks PostgreSQL about the slot: it must answer within a probe's timeout, also while
        // the source is down (k8s/README.md sets 5 s)
        monitorSource.setConnectTimeout(2);
        monitorSource.setSocketTimeout(2);
        return new SourceSlot(monitorSource, settings.required("cdc.source.slot"));
    }

    /** Debezium's offsets file (the source's saved position), in the data directory. */
    public static Path offsetsFile(Settings settings) {
        return Path.of(settings.required("cdc.data-dir"), OFFSETS_FILE_NAME);
    }
}
