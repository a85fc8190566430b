package dev.snowpipecdc.e2e;

import static dev.snowpipecdc.support.Observe.find;
import static dev.snowpipecdc.support.Observe.has;
import static dev.snowpipecdc.support.Observe.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.DOUBLE;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snowpipecdc.demo.ChangeTally;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.Workload;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.source.debezium.SourceHealthCheck;
import dev.snowpipecdc.support.Observe;
import dev.snowpipecdc.support.Sql;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running pipeline watched over HTTP, as an operator does: /observe/metrics while changes stream (the
 * pipeline's meters, the latency histogram, Camel's route meters, the monitor route's), and /observe/health while
 * the source database goes away and comes back.
 */
class ObservabilityTest {

    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Duration ENGINE_DOWN_LIMIT = Duration.ofSeconds(5);
    private static final String SLOT = "slot=\"snowpipe_cdc_demo\"";
    private static final Pattern METER = Pattern.compile("\\b(cdc|snowpipe|warehouse|camel)_[a-z0-9_]+");

    @TempDir
    Path dir;
    private SourceDatabase source;
    private Main pipeline;
    private Observe observe;

    @BeforeEach
    void startPipeline() throws Exception {
        source = SourceDatabase.start(dir.resolve("postgres"));
        pipeline = DemoCommand.pipeline(source, dir.resolve("warehouse"));
        pipeline.addOverrideProperty("cdc.monitor.warehouse-interval-ms", "500");
        pipeline.addOverrideProperty("cdc.monitor.pipeline-interval-ms", "500");
        pipeline.addOverrideProperty("cdc.quality.interval-ms", "500");
        pipeline.addOverrideProperty("cdc.health.source-down-ms", String.valueOf(ENGINE_DOWN_LIMIT.toMillis()));
        pipeline.start();
        DemoCommand.awaitStreaming(source);
        observe = new Observe(pipeline.getCamelContext());
    }

    @AfterEach
    void stop() {
        pipeline.stop();
        source.close();
    }

    @Test
    void should_serve_the_pipeline_meters_while_changes_stream() throws Exception {
        ChangeTally made = new ChangeTally();
        new Workload(source.dataSource(), 53).run(300, Duration.ofMinutes(1), 0, made);
        EmbeddedWarehouse warehouse = pipeline.lookup("embeddedWarehouse", EmbeddedWarehouse.class);
        await().atMost(PATIENCE).until(() -> Sql.number(warehouse::openDuckDb, "SELECT COUNT(*) FROM RAW_CHANGES")
                == made.total());

        // the latency of a change is recorded once the sink sees its channel's commit, a moment after it is visible
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<Observe.Sample> metrics = observe.metrics();
            assertThat(sum(metrics, "cdc_events_total")).isEqualTo(made.total());
            assertThat(sum(metrics, "cdc_events_total", "table=\"orders\"", "op=\"c\""))
                    .isEqualTo(made.get("orders", "c"));
            assertThat(sum(metrics, "snowpipe_rows_committed_total", "target=\"RAW_CHANGES\""))
                    .isEqualTo(made.total());
            assertThat(sum(metrics, "cdc_end_to_end_latency_seconds_count")).isEqualTo(made.total());
            assertThat(find(metrics, "cdc_reconciliation_pending")).singleElement()
                    .extracting(Observe.Sample::value).isEqualTo(0.0);
            assertThat(find(metrics, "cdc_end_to_end_lag_seconds")).singleElement()
                    .extracting(Observe.Sample::value).isEqualTo(0.0);
        });
        List<Observe.Sample> metrics = observe.metrics();
        assertThat(sum(metrics, "cdc_end_to_end_latency_seconds_bucket", "le=\"+Inf\"")).isEqualTo(made.total());
        assertThat(sum(metrics, "cdc_end_to_end_latency_percentile_seconds", "quantile=\"0.99\""))
                .isPositive().isGreaterThanOrEqualTo(
                        sum(metrics, "cdc_end_to_end_latency_percentile_seconds", "quantile=\"0.5\""));
        assertThat(sum(metrics, "camel_exchanges_total", "routeId=\"cdc-parse\"")).isGreaterThanOrEqualTo(made.total());
        assertThat(has(metrics, "jvm_memory_used_bytes")).isTrue();
        // the monitor route's meters, from the replication slot and the warehouse
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<Observe.Sample> polled = observe.metrics();
            assertThat(sum(polled, "cdc_source_connected", SLOT)).isEqualTo(1);
            assertThat(has(polled, "cdc_source_lag_bytes")).isTrue();
            assertThat(sum(polled, "snowpipe_channel_state", "channel=\"orders\"", "state=\"OPEN\"")).isEqualTo(1);
            assertThat(find(polled, "warehouse_stream_lag_seconds", "stream=\"RAW_CHANGES_ORDERS_STREAM\""))
                    .singleElement().extracting(Observe.Sample::value, DOUBLE).isNotNegative();
            assertThat(sum(polled, "warehouse_task_runs_total", "state=\"SUCCEEDED\"")).isPositive();
            assertThat(find(polled, "cdc_monitor_failures_total")).hasSize(6)
                    .allSatisfy(failures -> assertThat(failures.value()).isZero());
            // 3 checks for each of 2 tables, all passing
            assertThat(find(polled, "warehouse_quality_violations")).hasSize(6)
                    .allSatisfy(violations -> assertThat(violations.value()).isZero());
            // every meter the Grafana dashboard charts is served
            assertThat(polled.stream().map(Observe.Sample::name).distinct().toList())
                    .containsAll(dashboardMeters());
        });
    }

    /**
     * The meter names the queries of k8s/monitoring/grafana-dashboard.json use, but for the consume topology's panels
     * ("Kafka: ...", checked by ConsumeEndToEndTest).
     */
    static Set<String> dashboardMeters() throws IOException {
        return dashboardMeters(false);
    }

    /** @param kafka the consume topology's panels only, or all the others */
    static Set<String> dashboardMeters(boolean kafka) throws IOException {
        JsonNode dashboard = new ObjectMapper()
                .readTree(Path.of("k8s", "monitoring", "grafana-dashboard.json").toFile());
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("title").asText().startsWith("Kafka:") != kafka) {
                continue;
            }
            for (JsonNode query : panel.get("targets")) {
                Matcher meter = METER.matcher(query.get("expr").asText());
                while (meter.find()) {
                    names.add(meter.group());
                }
            }
        }
        assertThat(names).hasSizeGreaterThan(kafka ? 2 : 15);
        return names;
    }

    @Test
    void should_report_the_source_down_with_its_reason_while_postgresql_is_away_and_up_once_it_is_back()
            throws Exception {
        await().atMost(PATIENCE).until(() -> observe.get("/observe/health/ready").statusCode() == 200);

        source.stop();
        try {
            await().atMost(PATIENCE).untilAsserted(() -> {
                HttpResponse<String> ready = observe.get("/observe/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains(SourceHealthCheck.ID);
                assertThat(ready.body()).containsAnyOf("Cannot reach the source database", "Debezium is not running",
                        "has no reader");
            });
            // Debezium retries by itself; only once it has not run for the limit does liveness ask for a restart
            await().atMost(PATIENCE).untilAsserted(() -> {
                HttpResponse<String> live = observe.get("/observe/health/live");
                assertThat(live.statusCode()).isEqualTo(503);
                assertThat(live.body()).contains(SourceHealthCheck.ID).contains("Debezium has not been running for")
                        .contains("limit " + ENGINE_DOWN_LIMIT.toSeconds() + " s");
            });
        } finally {
            source.start();
        }

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(observe.get("/observe/health/ready").statusCode())
                .as(observe.get("/observe/health/ready").body()).isEqualTo(200));
        assertThat(observe.get("/observe/health/live").statusCode()).isEqualTo(200);
        assertThat(observe.get("/observe/health").body()).contains("\"status\":\"UP\"");
    }
}
