package dev.snowpipecdc;

import java.nio.file.Path;
import java.time.Duration;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

import javax.sql.DataSource;

import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import dev.snowpipecdc.deadletter.DeadLetterRows;
import dev.snowpipecdc.delivery.DeliveryGate;
import dev.snowpipecdc.delivery.SourceExceptionHandler;
import dev.snowpipecdc.delivery.WarehouseDelivery;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.health.LagHealthCheck;
import dev.snowpipecdc.health.ManagementPort;
import dev.snowpipecdc.ingest.IngestClientFactory;
import dev.snowpipecdc.ingest.PrivateKeys;
import dev.snowpipecdc.monitoring.ChangeCounter;
import dev.snowpipecdc.monitoring.ChannelStatusMonitor;
import dev.snowpipecdc.monitoring.DynamicTableLagMonitor;
import dev.snowpipecdc.monitoring.MonitoringShutdown;
import dev.snowpipecdc.monitoring.QualityMonitor;
import dev.snowpipecdc.monitoring.Reconciliation;
import dev.snowpipecdc.monitoring.StreamLagMonitor;
import dev.snowpipecdc.monitoring.TaskRunMonitor;
import dev.snowpipecdc.monitoring.WarehouseQueries;
import dev.snowpipecdc.publish.KafkaDelivery;
import dev.snowpipecdc.publish.KafkaPublishing;
import dev.snowpipecdc.routes.Endpoints;
import dev.snowpipecdc.routes.TableRouteTemplate;
import dev.snowpipecdc.routes.TableRoutes;
import dev.snowpipecdc.routes.Topology;
import dev.snowpipecdc.warehouse.SnowflakeWarehouse;
import dev.snowpipecdc.warehouse.SqlFiles;
import dev.snowpipecdc.warehouse.WarehouseObjects;
import dev.snowpipecdc.warehouse.WarehouseSchema;
import dev.snowpipecdc.warehouse.tables.SourceCatalog;
import dev.snowpipecdc.warehouse.tables.TableSettings;
import dev.snowpipecdc.warehouse.tables.TableSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import org.apache.camel.support.LifecycleStrategySupport;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the pipeline from its settings (application.properties, environment, -D): the beans the routes name,
 * the {@code source} and {@code warehouse} data sources, and the {@code snowpipe-streaming} component. Without
 * {@code snowflake.url} it starts the embedded warehouse in {@code cdc.data-dir} and points the component at it:
 * the same ingest SDK, over HTTP to 127.0.0.1.
 */
public class PipelineConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineConfiguration.class);

    /** Bean names the routes refer to. */
    public static final String WAREHOUSE = "warehouse";
    public static final String WAREHOUSE_SCHEMA = "warehouseSchema";
    public static final String METRICS_REGISTRY = "metricsRegistry";
    public static final String RECONCILIATION = "reconciliation";
    /** The embedded warehouse; bound before start, it is used instead of one in cdc.data-dir. */
    public static final String EMBEDDED_WAREHOUSE = "embeddedWarehouse";

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context.getPropertiesComponent());
        ManagementPort.requireFree(settings::optional);
        MeterRegistry meters = meterRegistry(context);
        context.getRegistry().bind("changeCounter", new ChangeCounter(meters));
        Topology topology = Topology.of(settings.optional(Topology.SETTING).orElse(null));
        if (!topology.writesToWarehouse()) {
            // publish: the source and Kafka, no warehouse
            KafkaDelivery delivery = KafkaPublishing.bindDelivery(context, settings, meters);
            bindDeliveryGate(context, delivery);
            topology.source().bind(context, settings, delivery, meters);
            KafkaPublishing.bindPublisher(context, settings, delivery, meters);
            LOG.info("Destination: Kafka at {}", settings.required("cdc.kafka.brokers"));
            return;
        }
        context.getRegistry().bind("deadLetterRows", new DeadLetterRows(meters));
        context.getRegistry().bind(RECONCILIATION,
                new Reconciliation(meters, settings.required("cdc.landing.table")).register());
        Processor noEnrichment = exchange -> { };
        context.getRegistry().bind("noEnrichment", Processor.class, noEnrichment);
        context.getRegistry().bind(TableRoutes.BEAN, new TableRoutes());
        context.getRegistry().bind(TableRouteTemplate.BATCH_SENDER, ExecutorService.class,
                new SynchronousExecutorService());

        SnowpipeStreamingComponent sink = context.getComponent(SnowpipeStreamingComponent.SCHEME,
                SnowpipeStreamingComponent.class);
        sink.setMeterRegistry(meters);
        // the classic SDK unless the registry holds another way to make the ingest client (the bench's sinks)
        IngestClientFactory clientFactory = context.getRegistry().findSingleByType(IngestClientFactory.class);
        if (clientFactory != null) {
            sink.setClientFactory(clientFactory);
        }
        // its options (database, schema, retries, SDK parameters) are camel.component.snowpipe-streaming.* in
        // application.properties; here only where it connects to, which is chosen below
        String database = settings.required("snowflake.database");
        String schema = settings.required("snowflake.schema");
        DeliveryGate gate = new WarehouseDelivery(context, sink,
                Duration.ofMillis(settings.requiredLong("cdc.sink.commit-timeout-ms")));
        bindDeliveryGate(context, gate);

        DataSource warehouse;
        Optional<String> url = settings.optional("snowflake.url");
        if (url.isPresent()) {
            String user = settings.optional("snowflake.user").orElseThrow(() ->
                    new IllegalArgumentException("snowflake.url is set but snowflake.user is not"));
            String pem = PrivateKeys.resolve(settings.optional("snowflake.private-key"),
                    settings.optional("snowflake.private-key-file"));
            Optional<String> passphrase = settings.optional("snowflake.private-key-password");
            Optional<String> role = settings.optional("snowflake.role");
            sink.setUrl(url.get());
            sink.setUser(user);
            role.ifPresent(sink::setRole);
            sink.setPrivateKey(pem);
            passphrase.ifPresent(sink::setPrivateKeyPassphrase);
            warehouse = SnowflakeWarehouse.dataSource(url.get(), user, role, pem, passphrase, database, schema,
                    settings.optional("snowflake.warehouse"));
            LOG.info("Sink: Snowflake account {} as {}, database {}.{}", url.get(), user, database, schema);
        } else {
            EmbeddedWarehouse embedded = context.getRegistry().lookupByNameAndType(EMBEDDED_WAREHOUSE,
                    EmbeddedWarehouse.class);
            if (embedded != null) {
                // one embedded warehouse for several pipelines in one JVM (members of one consumer group): its
                // owner, who bound it, closes it
                LOG.info("Sink: no snowflake.url, using the embedded warehouse bound as {}", EMBEDDED_WAREHOUSE);
            } else {
                embedded = startEmbeddedWarehouse(context, settings, database, schema);
            }
            sink.setUrl(embedded.ingestUrl());
            sink.setUser("EMULATOR");
            // the embedded warehouse does not check signatures; the SDK still insists on a key pair
            sink.setPrivateKey(PrivateKeys.generate());
            warehouse = embedded.dataSource();
        }
        context.getRegistry().bind(WAREHOUSE, DataSource.class, warehouse);
        // where the high-performance SDK reads the tables' columns to check rows before it sends them
        sink.setWarehouse(warehouse);
        // the catalog's own connection settings: the YAML's "source" bean (enrichment lookups) may not exist yet
        DataSource catalog = sourceDataSource(settings, "snowpipe-cdc-catalog");
        WarehouseSchema warehouseSchema = new WarehouseSchema(warehouse, () -> warehouseObjects(context, catalog));
        context.getRegistry().bind(WAREHOUSE_SCHEMA, warehouseSchema);
        TaskRunMonitor tasks = bindMonitoring(context, meters, sink, new WarehouseQueries(warehouse, warehouseSchema));
        // the source's health check is its binder's; readiness also asks for little lag and no failing tasks
        topology.source().bind(context, settings, gate, meters);
        context.getRegistry().bind(LagHealthCheck.ID, HealthCheck.class, new LagHealthCheck(context, sink, tasks,
                settings.requiredDouble("cdc.health.max-lag-seconds"),
                settings.requiredInt("cdc.health.max-task-failures")));
    }

    /** The embedded warehouse in cdc.data-dir, closed once the context has stopped. */
    private static EmbeddedWarehouse startEmbeddedWarehouse(CamelContext context, Settings settings, String database,
                                                            String schema) {
        Path dataDir = Path.of(settings.required("cdc.data-dir"));
        double timeScale = settings.requiredDouble("cdc.emulator.time-scale");
        EmbeddedWarehouse embedded = EmbeddedWarehouse.start(dataDir, database, schema, timeScale);
        context.getRegistry().bind(EMBEDDED_WAREHOUSE, embedded);
        // closed only once the context (and with it the component's final flush) has stopped
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                embedded.close();
            }
        });
        LOG.info("Sink: no snowflake.url, using the embedded warehouse in {}", dataDir.toAbsolutePath());
        return embedded;
    }

    /**
     * The registry bound as metricsRegistry (camel-micrometer-prometheus's, which /observe/metrics serves), or a
     * Prometheus registry that it then takes, with the JVM's meters.
     */
    private static MeterRegistry meterRegistry(CamelContext context) {
        MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind(METRICS_REGISTRY, MeterRegistry.class, meters);
        }
        if (meters.find("jvm.memory.used").meter() == null) {
            new JvmMemoryMetrics().bindTo(meters);
            new JvmThreadMetrics().bindTo(meters);
            new ProcessorMetrics().bindTo(meters);
            new UptimeMetrics().bindTo(meters);
            JvmGcMetrics gc = new JvmGcMetrics();
            gc.bindTo(meters);
            context.addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onContextStopped(CamelContext stopped) {
                    gc.close();
                }
            });
        }
        return meters;
    }

    /** The monitor and quality routes' beans (routes/MonitoringRoutes). */
    private static TaskRunMonitor bindMonitoring(CamelContext context, MeterRegistry meters,
                                                 SnowpipeStreamingComponent sink, WarehouseQueries queries) {
        TaskRunMonitor tasks = new TaskRunMonitor(queries, meters);
        context.getRegistry().bind(Endpoints.CHANNEL_STATUS_MONITOR, new ChannelStatusMonitor(sink, meters));
        context.getRegistry().bind(Endpoints.TASK_RUN_MONITOR, tasks);
        context.getRegistry().bind(Endpoints.STREAM_LAG_MONITOR, new StreamLagMonitor(queries, meters));
        context.getRegistry().bind(Endpoints.DYNAMIC_TABLE_LAG_MONITOR, new DynamicTableLagMonitor(queries, meters));
        context.getRegistry().bind(Endpoints.QUALITY_MONITOR, new QualityMonitor(queries, meters));
        context.addLifecycleStrategy(new MonitoringShutdown(List.of(Endpoints.MONITOR_ROUTE_ID,
                Endpoints.MONITOR_PIPELINE_ROUTE_ID, Endpoints.QUALITY_ROUTE_ID)));
        return tasks;
    }

    /** The source database (cdc.source.*), for reading its catalog. */
    public static PGSimpleDataSource sourceDataSource(Settings settings, String applicationName) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {settings.required("cdc.source.host")});
        source.setPortNumbers(new int[] {settings.requiredInt("cdc.source.port")});
        source.setDatabaseName(settings.required("cdc.source.database"));
        source.setUser(settings.required("cdc.source.user"));
        settings.optional("cdc.source.password").ifPresent(source::setPassword);
        source.setApplicationName(applicationName);
        return source;
    }

    /**
     * The warehouse objects for the captured tables (cdc.source.tables, cdc.tables.*), rendered from the SQL in
     * cdc.sql.location; tables without configured columns are described by the source catalog.
     */
    public static WarehouseObjects warehouseObjects(CamelContext context, DataSource source) throws SQLException {
        Settings settings = new Settings(context.getPropertiesComponent());
        List<TableSpec> tables;
        try {
            tables = new TableSettings(settings::optional, () -> new SourceCatalog(source)).tables();
        } catch (SQLException e) {
            throw new SQLException("Cannot read the source database's catalog, which describes the tables that have"
                    + " no cdc.tables.<table>.columns and .key settings: " + e.getMessage(), e.getSQLState(), e);
        }
        return new WarehouseObjects(new SqlFiles(context, settings.required("cdc.sql.location")),
                tables, new WarehouseObjects.Settings(settings.required("snowflake.warehouse"),
                        settings.required("cdc.warehouse.task-schedule")));
    }

    /** The delivery gate (what the destination has acknowledged, for the source's acknowledgement). */
    private static void bindDeliveryGate(CamelContext context, DeliveryGate gate) {
        context.getRegistry().bind(Endpoints.DELIVERY_GATE, DeliveryGate.class, gate);
        context.getRegistry().bind("sourceExceptionHandler", new SourceExceptionHandler(gate));
    }
}
