package dev.snowpipecdc.jar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fat jar itself, as a user runs it: merged service files, type converters and native libraries must all
 * work there, not only on the test class path.
 */
class RunnableJarIT {

    private static final Path JAR = Path.of("target", "snowpipe-cdc.jar");

    @TempDir
    Path dir;

    @Test
    void should_run_the_demo_and_land_every_change() throws Exception {
        Path dataDir = dir.resolve("demo");
        Result demo = run("demo", "--events", "400", "--rate", "0", "--json", "--data-dir", dataDir.toString());

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        JsonNode report = new ObjectMapper().readTree(demo.lastLine());
        assertThat(report.get("changes_made").asLong()).isEqualTo(400);
        assertThat(report.get("changes_landed").asLong()).isEqualTo(400);
        assertThat(report.get("dead_lettered").asLong()).isZero();
        assertThat(report.get("latency_ms").get("p99").asDouble()).isPositive();
        assertThat(report.get("events_per_second").asDouble()).isPositive();
        assertThat(report.get("tables_match_source").asBoolean()).isTrue();
        assertThat(report.get("quality_violations").asLong()).isZero();
        assertThat(report.get("metrics_match_source").asBoolean()).isTrue();
        assertThat(report.get("scd_latency_ms").get("p50").asDouble()).isPositive();

        Result sql = run("sql", "--data-dir", dataDir.toString(), "SELECT COUNT(*) AS N FROM RAW_CHANGES");
        assertThat(sql.exitCode()).as(sql.output()).isZero();
        assertThat(sql.output()).contains("400").contains("(1 row)");
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

    private Result run(String... args) throws IOException, InterruptedException {
        return runWith(List.of(), args);
    }

    private Result runWith(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "run", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
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
