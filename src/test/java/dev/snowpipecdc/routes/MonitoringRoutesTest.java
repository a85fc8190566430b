package dev.snowpipecdc.routes;

import static dev.snowpipecdc.support.SourceLog.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import dev.snowpipecdc.health.LagHealthCheck;
import dev.snowpipecdc.monitoring.ChannelStatusMonitor;
import dev.snowpipecdc.monitoring.DynamicTableLagMonitor;
import dev.snowpipecdc.monitoring.Meters;
import dev.snowpipecdc.monitoring.QualityMonitor;
import dev.snowpipecdc.monitoring.SourceSlot;
import dev.snowpipecdc.monitoring.SourceSlotMonitor;
import dev.snowpipecdc.monitoring.StreamLagMonitor;
import dev.snowpipecdc.monitoring.TaskRunMonitor;
import dev.snowpipecdc.monitoring.WarehouseQueries;
import dev.snowpipecdc.support.ItemsTable;
import dev.snowpipecdc.support.LogCapture;
import dev.snowpipecdc.support.SourceLog;
import dev.snowpipecdc.support.TableTasks;
import dev.snowpipecdc.support.Warehouse;
import dev.snowpipecdc.warehouse.WarehouseObjects;
import dev.snowpipecdc.warehouse.WarehouseSchema;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The monitor and quality timer routes against the embedded warehouse: failed task runs become failure meters
 * and a failure streak that readiness reports; a quality violation becomes a violation meter and a WARN log naming
 * the row. The source database is unreachable throughout: its step fails on its own, the others go on.
 */
class MonitoringRoutesTest extends CamelTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Warehouse w;
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private TaskRunMonitor tasks;

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        Properties props = new Properties();
        props.put("cdc.monitor.warehouse-interval-ms", "200");
        props.put("cdc.monitor.pipeline-interval-ms", "200");
        props.put("cdc.quality.interval-ms", "200");
        configuration.withUseOverridePropertiesWithPropertiesComponent(props);
        // each test starts the route it watches once its warehouse is set up, so that no poll comes before
        configuration.withAutoStartupExcludePatterns(Endpoints.MONITOR_ROUTE_ID + ","
                + Endpoints.MONITOR_PIPELINE_ROUTE_ID + "," + Endpoints.QUALITY_ROUTE_ID);
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        w = new Warehouse(dir, 1.0);
        WarehouseObjects objects = ItemsTable.apply(w, ItemsTable.ITEMS);
        WarehouseQueries queries = new WarehouseQueries(w.embedded().dataSource(),
                new WarehouseSchema(w.embedded().dataSource(), () -> objects));
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"localhost"});
        nowhere.setPortNumbers(new int[] {1});
        tasks = new TaskRunMonitor(queries, meters);
        registry.bind(Endpoints.SOURCE_MONITOR, new SourceSlotMonitor(new SourceSlot(nowhere, "cdc"), meters));
        registry.bind(Endpoints.CHANNEL_STATUS_MONITOR,
                new ChannelStatusMonitor(new SnowpipeStreamingComponent(), meters));
        registry.bind(Endpoints.TASK_RUN_MONITOR, tasks);
        registry.bind(Endpoints.STREAM_LAG_MONITOR, new StreamLagMonitor(queries, meters));
        registry.bind(Endpoints.DYNAMIC_TABLE_LAG_MONITOR, new DynamicTableLagMonitor(queries, meters));
        registry.bind(Endpoints.QUALITY_MONITOR, new QualityMonitor(queries, meters));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new MonitoringRoutes();
    }

    @AfterEach
    void closeWarehouse() throws Exception {
        context.stop();
        w.close();
    }

    @Test
    void should_count_failed_task_runs_and_report_the_failure_streak_to_readiness() throws Exception {
        TableTasks graph = new TableTasks(w, "ITEMS");
        // a run before the monitor's first poll (a restart's view of history): it sets streaks, it is not counted
        assertThat(graph.runOnce()).containsExactly("SKIPPED");
        context.getRouteController().startRoute(Endpoints.MONITOR_ROUTE_ID);
        await().atMost(PATIENCE).until(() -> streak("ITEMS_PARSE") == 0);
        assertThat(runs("ITEMS_PARSE", "FAILED")).as("counted from 0 once the task is known").isZero();

        SourceLog source = new SourceLog("public", "items", "id");
        source.transaction("2026-11-25T10:00:00Z").insert(row("id", 1, "name", "a", "price", "1.50", "note", null))
                .commit();
        w.sql(source.landingSql());
        // the parse task's target is gone: each run fails and leaves the landed change in its stream
        w.sql("ALTER TABLE STAGING_ITEMS RENAME TO STAGING_ITEMS_AWAY");
        for (int run = 0; run < 3; run++) {
            assertThat(graph.runOnce()).containsExactly("FAILED");
        }

        await().atMost(PATIENCE).until(() -> runs("ITEMS_PARSE", "FAILED") == 3);
        assertThat(runs("ITEMS_PARSE", "SKIPPED")).isZero();
        assertThat(streak("ITEMS_PARSE")).isEqualTo(3);
        context.getRouteController().startRoute(Endpoints.MONITOR_PIPELINE_ROUTE_ID);
        await().atMost(PATIENCE).until(() -> meters.find(Meters.MONITOR_FAILURES).tag(Meters.MONITOR, "source")
                .counter().count() > 0);
        LagHealthCheck readiness = new LagHealthCheck(context, new SnowpipeStreamingComponent(), tasks, 300, 3);
        HealthCheck.Result result = readiness.callReadiness();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m)
                .matches("task ITEMS_PARSE failed its last 3 runs \\(limit 3\\): .+"));
        assertThat(new LagHealthCheck(context, new SnowpipeStreamingComponent(), tasks, 300, 4).callReadiness()
                .getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(meters.find(Meters.MONITOR_FAILURES).tag(Meters.MONITOR, "channels").counter().count())
                .as("the unreachable source fails its own step only").isZero();
        assertThat(meters.find(Meters.MONITOR_FAILURES).tag(Meters.MONITOR, "tasks").counter().count()).isZero();
    }

    @Test
    void should_publish_stream_and_dynamic_table_lag() throws Exception {
        w.sql("CREATE DYNAMIC TABLE ITEM_COUNT TARGET_LAG = '1 minute' WAREHOUSE = COMPUTE_WH"
                + " AS SELECT COUNT(*) AS N FROM ITEMS", "ALTER DYNAMIC TABLE ITEM_COUNT REFRESH");
        SourceLog source = new SourceLog("public", "items", "id");
        source.transaction("2026-11-25T10:00:00Z").insert(row("id", 1, "name", "a", "price", "1.50", "note", null))
                .commit();
        w.sql(source.landingSql());
        context.getRouteController().startRoute(Endpoints.MONITOR_ROUTE_ID);

        // the landed change waits in the first stream since its source commit (a past date: hours ago)
        await().atMost(PATIENCE).until(() -> gauge(Meters.STREAM_LAG, Meters.STREAM, "RAW_CHANGES_ITEMS_STREAM")
                > 3600);
        assertThat(gauge(Meters.STREAM_LAG, Meters.STREAM, "STAGING_ITEMS_STREAM")).isZero();
        // the monitor sets its gauges one by one: the dynamic table's (-1 until its first reading) may come later
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(gauge(Meters.DYNAMIC_TABLE_LAG, Meters.DYNAMIC_TABLE,
                "ITEM_COUNT")).isBetween(0.0, 60.0));
        assertThat(gauge(Meters.DYNAMIC_TABLE_FAILED, Meters.DYNAMIC_TABLE, "ITEM_COUNT")).isZero();

        new TableTasks(w, "ITEMS").run();
        await().atMost(PATIENCE).until(() -> gauge(Meters.STREAM_LAG, Meters.STREAM, "RAW_CHANGES_ITEMS_STREAM")
                == 0);
    }

    @Test
    void should_publish_quality_violations_and_log_the_rows_found() throws Exception {
        try (LogCapture log = new LogCapture(QualityMonitor.class)) {
            context.getRouteController().startRoute(Endpoints.QUALITY_ROUTE_ID);
            await().atMost(PATIENCE).until(() -> violations("scd_current_duplicates") == 0);
            assertThat(log.lines()).isEmpty();

            // key 7 gets two current versions, which the merge task never writes
            for (String from : new String[] {"10:00", "11:00"}) {
                w.sql("INSERT INTO ITEMS_SCD (ID, NAME, PRICE, NOTE, VALID_FROM, VALID_TO, IS_CURRENT, IS_DELETED,"
                        + " _TX_POSITION) SELECT 7, 'x', 1, NULL, '2026-11-25 " + from + ":00+00'::TIMESTAMP_LTZ,"
                        + " NULL, TRUE, FALSE, '1-" + from + "'");
            }

            await().atMost(PATIENCE).until(() -> violations("scd_current_duplicates") == 1);
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("WARN Quality check scd_current_duplicates[ITEMS] found 1 rows: ITEMS_SCD key 7: 2"
                            + " current versions"));
        }
    }

    /** The gauge's value, -1 while it does not exist. */
    private double gauge(String name, String... tags) {
        Gauge gauge = meters.find(name).tags(tags).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private double runs(String task, String state) {
        Counter counter = meters.find(Meters.TASK_RUNS).tags(Meters.TASK, task, Meters.STATE, state).counter();
        return counter == null ? 0 : counter.count();
    }

    private double streak(String task) {
        return gauge(Meters.TASK_FAILURE_STREAK, Meters.TASK, task);
    }

    private double violations(String check) {
        return gauge(Meters.QUALITY_VIOLATIONS, Meters.CHECK, check, Meters.TABLE, "ITEMS");
    }
}
