package dev.snowpipecdc.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.snowpipecdc.cli.Args;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench verb at its smallest: every path measures every change, and the paced run's latencies count them. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void measures_the_ceiling_the_pipeline_and_a_paced_run() throws Exception {
        BenchSettings settings = BenchSettings.of(Args.parse(List.of("--events", "300", "--rounds", "1",
                "--rates", "100", "--paced-for", "2s", "--tasks", "both", "--timeout", "2m", "--pipe-interval", "1s",
                "--large-backlog", "500",
                "--data-dir", dir.toString()), BenchSettings.VALUE_FLAGS, Set.of()));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        BenchResults results = BenchCommand.measure(settings, new PrintStream(text, true, StandardCharsets.UTF_8));

        String files = BenchCommand.filesName(settings);
        assertThat(results.backlog()).containsOnlyKeys(BenchCommand.CEILING, BenchCommand.DISCARDED, BenchCommand.JDBC,
                files, BenchCommand.HIGH_PERFORMANCE, BenchCommand.pipelineName(false), BenchCommand.pipelineName(true));
        results.backlog().values().forEach(rounds -> {
            assertThat(rounds).hasSize(1);
            assertThat(rounds.get(0).changes()).isEqualTo(300);
            assertThat(rounds.get(0).changesPerSecond()).isPositive();
            assertThat(rounds.get(0).cpuSeconds()).isPositive();
        });
        assertThat(results.backlog().get(BenchCommand.CEILING).get(0).bytesSent()).isZero();
        // the other sinks were used instead of the SDK (which uploads blobs); the JDBC path's rows were counted in
        // RAW_CHANGES by the run itself
        assertThat(results.backlog().get(BenchCommand.DISCARDED).get(0).bytesSent()).isZero();
        assertThat(results.backlog().get(BenchCommand.JDBC).get(0).bytesSent()).isZero();
        assertThat(results.backlog().get(BenchCommand.pipelineName(false)).get(0).bytesSent()).isPositive();
        // the high-performance SDK's append bodies, as the embedded warehouse received them
        assertThat(results.backlog().get(BenchCommand.HIGH_PERFORMANCE).get(0).bytesSent()).isPositive();
        // the files path staged gzip files (and its rows were counted in RAW_CHANGES, once, by the run)
        assertThat(results.backlog().get(files).get(0).bytesSent()).isPositive();

        assertThat(results.paced()).extracting(BenchResults.PacedResult::path)
                .containsExactly(files, BenchCommand.HIGH_PERFORMANCE, BenchCommand.pipelineName(false),
                        BenchCommand.pipelineName(true));
        for (BenchResults.PacedResult result : results.paced()) {
            PipelineRun.Paced paced = result.run();
            assertThat(paced.measured().changes()).isEqualTo(200);
            // every change landed was timed, once
            assertThat(paced.landed().count()).isEqualTo(200);
            assertThat(paced.landed().at(0.5)).isPositive().isLessThanOrEqualTo(paced.landed().at(1.0));
        }
        // SCD Type 2 versions only where the tasks ran: at least one per change that is not a delete
        assertThat(results.paced().get(2).run().scd().isEmpty()).isTrue();
        assertThat(results.paced().get(3).run().scd().count()).isGreaterThan(150);
        // the files path waits for its pipe (every second): its changes take longer than the SDK's flush
        assertThat(results.paced().get(0).run().landed().at(1.0)).isGreaterThan(500);

        // the large backlog, read by the SDK path with tasks running; then the warehouse's queries on its rows
        assertThat(results.largeBacklog()).hasValueSatisfying(large -> {
            assertThat(large.run().changes()).isEqualTo(500);
            assertThat(large.run().peakHeapBytes()).isPositive().isLessThan(large.maxHeapBytes());
        });
        assertThat(results.queries().rows()).containsEntry("RAW_CHANGES", 500L);
        assertThat(results.queries().medianMillis()).containsKeys("SELECT * FROM CUSTOMER_METRICS",
                "ALTER DYNAMIC TABLE CUSTOMER_METRICS REFRESH");
        assertThat(results.queries().medianMillis().keySet()).anyMatch(query -> query.startsWith("stream_lag"));

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        results.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains(BenchCommand.CEILING).contains("ratio 1.00").contains("landed p50");

        // the row sizes the cost model prices: every RAW_CHANGES row has values; JSON adds the column names
        assertThat(results.rowBytes().valueBytes()).isGreaterThan(100);
        assertThat(results.rowBytes().jsonBytes()).isGreaterThan(results.rowBytes().valueBytes());

        Path report = dir.resolve("docs/performance.md");
        new PerformanceReport(settings, results, results.environment(), List.of("--report", "x"))
                .write(report);
        assertThat(Files.readString(report)).contains("## Goals", "## Throughput (backlog)", "## Latency (paced)",
                "## Queries on the streamed data", "## Cost per million changes", "| PostgreSQL | 17.",
                "performance/throughput.png", "the sink (the SDK's Parquet", "| " + files + " | ",
                "A single backlog of 500 changes", "After the large backlog").doesNotContain("uploaded 0 bytes");
        for (String png : List.of("throughput.png", "latency-cdf.png")) {
            byte[] image = Files.readAllBytes(dir.resolve("docs/performance").resolve(png));
            assertThat(image).as(png).hasSizeGreaterThan(5_000);
            assertThat(new String(image, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }
}
