package dev.snowpipecdc.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import dev.snowpipecdc.demo.ChangeTally;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.Workload;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.ingest.IngestClientFactory;
import dev.snowpipecdc.support.FreePorts;
import dev.snowpipecdc.support.KafkaBroker;
import dev.snowpipecdc.support.KafkaConnect;
import dev.snowpipecdc.support.Observe;
import dev.snowpipecdc.support.RawChanges;
import dev.snowpipecdc.support.Sql;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly once for the consume topology under crashes, out of process: the runnable jar with
 * {@code cdc.topology=consume} reads Debezium's topics (3 partitions each) from a real broker in this JVM while a
 * workload keeps changing PostgreSQL and Debezium keeps publishing, and is killed with SIGKILL mid-stream three
 * times (once with the high-performance SDK writing; each once it has handled a random number of changes), each time
 * restarted on the same data directory.
 * Nothing is flushed or handed over at a SIGKILL: only the partitions being read from what each channel has
 * committed stands between that and a lost or doubled change.
 * At the end RAW_CHANGES holds every published change once, by table and operation as the workload made them.
 */
class ConsumeCrashIT {

    private static final String PREFIX = "consume_crash";
    private static final int KILLS = 3;
    private static final int HIGH_PERFORMANCE_KILLS = 1;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    /** With either SDK writing; the high-performance one is killed once, to keep the build's time. */
    @ParameterizedTest(name = "sdk={0}")
    @ValueSource(strings = {IngestClientFactory.CLASSIC_SDK, IngestClientFactory.HIGH_PERFORMANCE_SDK})
    void should_land_every_change_once_across_sigkills_of_the_consumer(String sdk) throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        int kills = sdk.equals(IngestClientFactory.CLASSIC_SDK) ? KILLS : HIGH_PERFORMANCE_KILLS;
        System.out.println("ConsumeCrashIT (" + sdk + ") seed " + seed + "; work dir " + dir);
        Random random = new Random(seed);
        KafkaBroker kafka = KafkaBroker.shared();
        // a source (topic prefix) and consumer group of each run's own: the broker is shared by the runs
        String prefix = PREFIX + "_" + sdk.replace('-', '_');
        kafka.createTopic(prefix + ".public.customers", 3);
        kafka.createTopic(prefix + ".public.orders", 3);
        Path dataDir = dir.resolve("data");
        ChangeTally made = new ChangeTally();
        int port = FreePorts.any();
        Map<String, String> consume = Map.of("CDC_TOPOLOGY", "consume", "CDC_KAFKA_BROKERS", kafka.bootstrapServers(),
                "CDC_SOURCE_NAME", prefix, "CDC_KAFKA_GROUP_ID", prefix, "CDC_MANAGEMENT_PORT", String.valueOf(port),
                "CDC_MONITOR_PIPELINE_INTERVAL_MS", "500",
                // the broker's least: the restarted member gets the partitions once the killed one is expelled
                "CDC_KAFKA_SESSION_TIMEOUT_MS", "6000", "SNOWFLAKE_SDK", sdk);
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"));
             KafkaConnect connect = KafkaConnect.start(source, kafka, prefix, "public.customers,public.orders")) {
            ExecutorService workloadThread = Executors.newSingleThreadExecutor();
            AtomicBoolean stopWorkload = new AtomicBoolean();
            Workload changes = new Workload(source.dataSource(), seed);
            Future<?> workload = workloadThread.submit(() -> {
                while (!stopWorkload.get()) {
                    changes.run(20, Duration.ofSeconds(1), 100, made);
                }
                return null;
            });
            CrashRecoveryIT.Pipeline pipeline = null;
            List<Long> killedAfter = new ArrayList<>();
            Observe observe = new Observe(port);
            try {
                for (int kill = 0; kill < kills; kill++) {
                    pipeline = CrashRecoveryIT.Pipeline.start(dir, dataDir, source.port(), kill, consume);
                    awaitReading(pipeline);
                    // the kill point: once this run has handled a random number of changes
                    long after = 20 + random.nextInt(300);
                    killedAfter.add(after);
                    await("run " + kill + " handling " + after + " changes").atMost(Duration.ofMinutes(1))
                            .ignoreExceptions().pollInterval(Duration.ofMillis(50))
                            .until(() -> Observe.sum(observe.metrics(), "cdc_events_total") >= after);
                    pipeline.kill();
                }
                pipeline = CrashRecoveryIT.Pipeline.start(dir, dataDir, source.port(), kills, consume);
                awaitReading(pipeline);
                stopWorkload.set(true);
                workload.get(30, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(60)).until(() -> connect.changes() == made.total());
                // every partition handled to its end, then a graceful stop lands what is still in batches
                await("every partition read to its end").atMost(Duration.ofMinutes(2)).ignoreExceptions()
                        .until(() -> {
                            List<Observe.Sample> metrics = observe.metrics();
                            return Observe.find(metrics, "cdc_kafka_partition_lag").size() == 6
                                    && Observe.sum(metrics, "cdc_kafka_partition_lag") == 0;
                        });
                pipeline.stop();
            } finally {
                stopWorkload.set(true);
                workloadThread.shutdownNow();
                if (pipeline != null) {
                    pipeline.destroy();
                }
            }
            String logs = "\nseed " + seed + ", killed after (changes handled) " + killedAfter + "; logs in " + dir
                    + "; the last one ends:\n" + pipeline.tail(40);
            DataSource warehouse = EmbeddedWarehouse.openReadOnly(dataDir, "SNOWPIPE_CDC", "PUBLIC");
            assertThat(Sql.number(warehouse::getConnection, "SELECT COUNT(*) FROM RAW_CHANGES")).as(logs)
                    .isEqualTo(made.total());
            assertThat(RawChanges.distinctPositions(warehouse::getConnection)).as(logs).isEqualTo(made.total());
            assertThat(RawChanges.byTableAndOp(warehouse::getConnection).snapshot()).as(logs)
                    .isEqualTo(made.snapshot());
            assertThat(Sql.rows(warehouse::getConnection, "SELECT REASON, DETAIL FROM DEAD_LETTERS")).as(logs)
                    .isEmpty();
            System.out.printf("ConsumeCrashIT (%s): seed %d, %d SIGKILLs after %s changes handled, %d changes made"
                    + " and landed once%n", sdk, seed, kills, killedAfter, made.total());
        }
    }

    /** Until the run has its partitions (its log says so). */
    private static void awaitReading(CrashRecoveryIT.Pipeline pipeline) {
        await("run " + pipeline.run() + " reading its partitions").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100)).failFast(pipeline::requireAlive)
                .until(() -> Files.readString(pipeline.log()).contains("Partitions assigned"));
    }
}
