package dev.snowpipecdc.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.demo.ChangeTally;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.Workload;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.health.LagHealthCheck;
import dev.snowpipecdc.source.debezium.SourceHealthCheck;
import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.ClassicIngestClient;
import dev.snowpipecdc.ingest.IngestClient;
import dev.snowpipecdc.ingest.IngestSettings;
import dev.snowpipecdc.ingest.OnError;
import dev.snowpipecdc.ingest.PrivateKeys;
import dev.snowpipecdc.monitoring.Reconciliation;
import dev.snowpipecdc.support.RawChanges;
import dev.snowpipecdc.support.Sql;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults while changes stream, each followed by the exact count of what landed: every change the source made is
 * in RAW_CHANGES once (by its offset token), nothing else is, and nothing was dead-lettered. The pipeline gets
 * over each fault by itself, without a restart.
 */
class DeliveryFaultsTest {

    private static final Duration LANDING_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;
    private SourceDatabase source;
    private Main pipeline;
    private EmbeddedWarehouse warehouse;
    private final ChangeTally made = new ChangeTally();

    @BeforeEach
    void startPipeline() throws Exception {
        source = SourceDatabase.start(dir.resolve("postgres"));
        pipeline = DemoCommand.pipeline(source, dir.resolve("warehouse"));
        pipeline.start();
        warehouse = pipeline.lookup("embeddedWarehouse", EmbeddedWarehouse.class);
        DemoCommand.awaitStreaming(source);
    }

    @AfterEach
    void stop() {
        pipeline.stop();
        source.close();
    }

    @Test
    void should_hold_back_and_land_everything_once_when_the_warehouse_is_unreachable_for_30_seconds()
            throws Exception {
        Workload workload = new Workload(source.dataSource(), 31);

        workload.run(150, Duration.ofMinutes(1), 0, made);
        CompletableFuture<Void> during = changesInBackground(workload, 300, 20, made);
        warehouse.suspendIngest();
        try {
            // the outage itself: its length is the point of the drill, nothing is awaited here
            Thread.sleep(15_000);
            assertHealthAnswersWhileDeliveryRetries();
            Thread.sleep(15_000);
            assertThat(landed(warehouse)).as("nothing can land while the warehouse is away")
                    .isLessThan(made.total());
        } finally {
            warehouse.resumeIngest();
        }
        during.get();

        assertLandedExactlyOnce();
    }

    @Test
    void should_reconnect_and_land_everything_once_when_postgresql_restarts_mid_stream() throws Exception {
        Workload workload = new Workload(source.dataSource(), 37);

        workload.run(400, Duration.ofMinutes(1), 0, made);
        source.restart();
        workload.run(200, Duration.ofMinutes(1), 0, made);

        assertLandedExactlyOnce();
    }

    @Test
    void should_reopen_and_resend_when_another_writer_takes_a_channel_over_mid_stream() throws Exception {
        Workload workload = new Workload(source.dataSource(), 41);

        CompletableFuture<Void> changes = changesInBackground(workload, 600, 50, made);
        try (IngestClient other = ClassicIngestClient.connect(new IngestSettings("intruder",
                warehouse.ingestUrl(), "INTRUDER", Optional.empty(), PrivateKeys.generate(), Optional.empty(),
                Map.of()))) {
            for (long takeoverAt : List.of(150L, 300L, 450L)) {
                await().atMost(LANDING_TIMEOUT).until(() -> made.total() >= takeoverAt);
                // opening a channel by name hands it to the newest opener: the pipeline's buffered rows are void
                other.openChannel(new ChannelId("SNOWPIPE_CDC", "PUBLIC", "RAW_CHANGES", "orders"),
                        OnError.CONTINUE);
            }
        }
        changes.get();

        assertLandedExactlyOnce();
    }

    /**
     * A sender retrying a batch holds its channel for minutes: the probes must answer meanwhile, liveness UP (a
     * restart would not bring the warehouse back), and the waiting changes counted in the end-to-end lag.
     */
    private void assertHealthAnswersWhileDeliveryRetries() {
        CamelContext context = pipeline.getCamelContext();
        Collection<HealthCheck.Result> live = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> HealthCheckHelper.invokeLiveness(context, "full"));
        assertThat(live).filteredOn(r -> r.getCheck().getId().equals(SourceHealthCheck.ID)).singleElement()
                .extracting(HealthCheck.Result::getState).isEqualTo(HealthCheck.State.UP);
        Collection<HealthCheck.Result> ready = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> HealthCheckHelper.invokeReadiness(context, "full"));
        assertThat(ready).filteredOn(r -> r.getCheck().getId().equals(LagHealthCheck.ID)).singleElement()
                .satisfies(lag -> assertThat((Double) lag.getDetails().get("end.to.end.lag.seconds"))
                        .as("changes wait while the warehouse is away").isGreaterThan(5.0));
    }

    private static CompletableFuture<Void> changesInBackground(Workload workload, long changes, double perSecond,
            ChangeTally made) {
        return CompletableFuture.runAsync(() -> {
            try {
                workload.run(changes, Duration.ofMinutes(2), perSecond, made);
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Stops the pipeline once everything has landed (a late duplicate would still show) and counts. */
    private void assertLandedExactlyOnce() throws Exception {
        try {
            await().atMost(LANDING_TIMEOUT).until(() -> landed(warehouse) >= made.total());
            // the run's own accounting agrees: everything handed in (replays included) landed or was dead-lettered
            Reconciliation reconciliation = pipeline.lookup(PipelineConfiguration.RECONCILIATION,
                    Reconciliation.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> reconciliation.counts().reconciled());
            assertThat(reconciliation.counts().deadLettered()).isZero();
            assertThat(reconciliation.counts().in()).isGreaterThanOrEqualTo(made.total());
        } finally {
            pipeline.stop();
        }
        DataSource stopped = EmbeddedWarehouse.openReadOnly(dir.resolve("warehouse"), "SNOWPIPE_CDC", "PUBLIC");
        // on a failure, which rows are there twice, with the tokens and times they landed with
        String twice = String.join("\n", Sql.rows(stopped::getConnection, "SELECT TABLE_NAME, OPERATION, SOURCE_LSN,"
                + " OFFSET_TOKEN, INGESTED_AT FROM RAW_CHANGES WHERE (TABLE_NAME, SOURCE_LSN, OPERATION) IN (SELECT"
                + " TABLE_NAME, SOURCE_LSN, OPERATION FROM RAW_CHANGES GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)"
                + " ORDER BY SOURCE_LSN, OFFSET_TOKEN"));
        assertThat(Sql.number(stopped::getConnection, "SELECT COUNT(*) FROM RAW_CHANGES")).as("rows landed twice:\n"
                + twice).isEqualTo(made.total());
        assertThat(RawChanges.distinctPositions(stopped::getConnection)).isEqualTo(made.total());
        assertThat(RawChanges.byTableAndOp(stopped::getConnection).snapshot()).isEqualTo(made.snapshot());
        assertThat(Sql.number(stopped::getConnection, "SELECT COUNT(*) FROM DEAD_LETTERS")).isZero();
    }

    private static long landed(EmbeddedWarehouse warehouse) throws SQLException {
        return Sql.number(warehouse::openDuckDb, "SELECT COUNT(*) FROM RAW_CHANGES");
    }
}
