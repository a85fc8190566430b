package dev.snowpipecdc.jar;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snowpipecdc.support.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fat jar itself, as a user runs it: merged service files, type converters and native libraries must all
 * work there, not only on the test class path.
 */
class RunnableJarIT {

    private static final Path JAR = Path.of("target", "snowpipe-cdc.jar");

    @TempDir
    Path dir;

    @Test
    void should_run_the_demo_land_every_change_and_serve_its_meters_and_health_meanwhile() throws Exception {
        Path dataDir = dir.resolve("demo");
        int port = FreePorts.any();
        CompletableFuture<Result> running = CompletableFuture.supplyAsync(() -> {
            try {
                return runWith(List.of(), Map.of("CDC_MANAGEMENT_PORT", String.valueOf(port)), "demo", "--events",
                        "3000", "--rate", "300", "--json", "--data-dir", dataDir.toString());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // watched the way the README says, while it runs: merged Vert.x, Prometheus and health services in the jar
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .ignoreException(ConnectException.class).untilAsserted(() -> {
            assertThat(running).isNotDone();
            String metrics = get(http, port, "/observe/metrics");
            assertThat(metrics).containsPattern("(?m)^cdc_events_total\\{op=\"c\",table=\"orders\"} [1-9]")
                    .containsPattern("(?m)^cdc_end_to_end_latency_seconds_bucket\\{le=\"[0-9.]+\"} [1-9]")
                    .containsPattern("(?m)^camel_exchanges_total\\{.*routeId=\"cdc-parse\".*} [1-9]");
            assertThat(get(http, port, "/observe/health")).contains("\"status\":\"UP\"");
        });

        Result demo = running.get(5, TimeUnit.MINUTES);
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("Watch it: curl localhost:" + port + "/observe/metrics");
        JsonNode report = new ObjectMapper().readTree(demo.lastLine());
        assertThat(report.get("changes_made").asLong()).isEqualTo(3000);
        assertThat(report.get("changes_landed").asLong()).isEqualTo(3000);
        assertThat(report.get("warehouse_counts").get("raw_changes").asLong()).isEqualTo(3000);
        assertThat(report.get("dead_lettered").asLong()).isZero();
        assertThat(report.get("latency_ms").get("p99").asDouble()).isPositive();
        assertThat(report.get("events_per_second").asDouble()).isPositive();
        assertThat(report.get("tables_match_source").asBoolean()).isTrue();
        assertThat(report.get("quality_violations").asLong()).isZero();
        assertThat(report.get("metrics_match_source").asBoolean()).isTrue();
        assertThat(report.get("scd_latency_ms").get("p50").asDouble()).isPositive();

        Result sql = run("sql", "--data-dir", dataDir.toString(), "SELECT COUNT(*) AS N FROM RAW_CHANGES");
        assertThat(sql.exitCode()).as(sql.output()).isZero();
        assertThat(sql.output()).contains("3000").contains("(1 row)");
    }

    @Test
    void should_run_the_demo_with_the_high_performance_sdk_and_its_native_core_from_the_jar() throws Exception {
        // the SDK's Rust core is a native library inside its jar, unpacked at run time: it must survive the merge
        Result demo = runWith(List.of(), Map.of("SNOWFLAKE_SDK", "high-performance"), "demo", "--events", "300",
                "--rate", "300", "--json", "--data-dir", dir.resolve("hp").toString());

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        JsonNode report = new ObjectMapper().readTree(demo.lastLine());
        assertThat(report.get("changes_landed").asLong()).isEqualTo(300);
        assertThat(report.get("warehouse_counts").get("raw_changes").asLong()).isEqualTo(300);
        assertThat(report.get("tables_match_source").asBoolean()).isTrue();
        // the SDK's native core logged its channels on the table's default pipe
        assertThat(demo.output()).contains("RAW_CHANGES-STREAMING");
    }

    @Test
    void should_explain_its_usage_on_a_wrong_verb() throws Exception {
        Result wrong = run("fly");

        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.output()).contains("Unknown verb 'fly'").contains("Usage:").contains("demo");
    }

    @Test
    void should_render_the_warehouse_objects_from_settings_given_as_system_properties() throws Exception {
        Result render = runWith(List.of("-Dcdc.source.tables=public.items",
                "-Dcdc.tables.items.columns=id NUMBER(10,0), label VARCHAR(20)", "-Dcdc.tables.items.key=id"),
                "render-sql");

        assertThat(render.exitCode()).as(render.output()).isZero();
        assertThat(render.output()).contains("-- ==== V001__landing.sql (versioned", "-- ==== R__table_ITEMS (repeatable",
                "CREATE OR REPLACE TASK ITEMS_APPLY WAREHOUSE = COMPUTE_WH").doesNotContain("CUSTOMER_METRICS");
    }

    @Test
    void should_exit_with_status_1_and_the_fix_when_run_cannot_run() throws Exception {
        Result run = runWith(List.of(), Map.of("CDC_SOURCE_TABLES", "public.customers", "CDC_MANAGEMENT_PORT", "0",
                "CDC_SOURCE_PASSWORD", "unused"), "run", "--data-dir", dir.resolve("run").toString());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("ERROR", "The pipeline cannot run, stopping: Start-up check failed: route"
                + " table-orders is for table orders").contains("snowpipe-cdc run failed: Start-up check failed:");

        // the consume topology's route (kafka: and its offset repository) loads from the jar as well
        Result consume = runWith(List.of(), Map.of("CDC_TOPOLOGY", "consume", "CDC_SOURCE_TABLES", "public.customers",
                "CDC_MANAGEMENT_PORT", "0"), "run", "--data-dir", dir.resolve("consume").toString());

        assertThat(consume.exitCode()).as(consume.output()).isEqualTo(1);
        assertThat(consume.output()).contains("Routes of topology consume: classpath:routes/source-kafka.camel.yaml")
                .contains("Start-up check failed: route table-orders is for table orders");

        try (ServerSocket taken = new ServerSocket(0)) {
            Result port = runWith(List.of(), Map.of("CDC_MANAGEMENT_PORT", String.valueOf(taken.getLocalPort()),
                    "CDC_SOURCE_PASSWORD", "unused"), "run", "--data-dir", dir.resolve("run").toString());

            assertThat(port.exitCode()).as(port.output()).isEqualTo(1);
            assertThat(port.output()).contains("cannot listen on 0.0.0.0:" + taken.getLocalPort())
                    .contains("set camel.management.port (CDC_MANAGEMENT_PORT)");
        }
    }

    private static String get(HttpClient http, int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return runWith(List.of(), Map.of(), args);
    }

    private Result runWith(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        return runWith(jvmArgs, Map.of(), args);
    }

    private Result runWith(List<String> jvmArgs, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar " + String.join(" ", args) + " did not finish in 5 minutes:\n"
                    + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    private record Result(int exitCode, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (lines[i].startsWith("{")) {
                    return lines[i];
                }
            }
            throw new AssertionError("No JSON line in:\n" + output);
        }
    }
}
