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

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.demo.ChangeTally;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.Workload;
import dev.snowpipecdc.support.FreePorts;
import dev.snowpipecdc.support.KafkaBroker;
import dev.snowpipecdc.support.KafkaPipelines;
import dev.snowpipecdc.support.Observe;
import dev.snowpipecdc.support.RawChanges;
import dev.snowpipecdc.support.Sql;
import dev.snowpipecdc.support.TopicRecords;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The publish topology under crashes, out of process: the runnable jar with {@code cdc.topology=publish} captures
 * PostgreSQL into a real broker in this JVM while a workload keeps changing it, and is killed with SIGKILL mid-stream
 * three times (each once Kafka has acknowledged a random number of its records), each time restarted on the same
 * data directory. Debezium then replays from its last saved position, which Kafka had acknowledged up to. Afterwards
 * Kafka holds every change (none missing), and a consumer group lands each change once.
 */
class PublishCrashIT {

    private static final String PREFIX = "publish_crash";
    private static final int KILLS = 3;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void should_publish_every_change_across_sigkills_and_land_each_once() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("PublishCrashIT seed " + seed + "; work dir " + dir);
        Random random = new Random(seed);
        KafkaBroker kafka = KafkaBroker.shared();
        Path dataDir = dir.resolve("data");
        ChangeTally made = new ChangeTally();
        int port = FreePorts.any();
        Map<String, String> publish = Map.of("CDC_TOPOLOGY", "publish", "CDC_KAFKA_BROKERS", kafka.bootstrapServers(),
                "CDC_SOURCE_NAME", PREFIX, "CDC_MANAGEMENT_PORT", String.valueOf(port),
                "CDC_KAFKA_PUBLISH_PARTITIONS", "3");
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"))) {
            ExecutorService workloadThread = Executors.newSingleThreadExecutor();
            AtomicBoolean stopWorkload = new AtomicBoolean();
            Workload changes = new Workload(source.dataSource(), seed);
            Future<?> workload = null;
            CrashRecoveryIT.Pipeline pipeline = null;
            List<Long> killedAfter = new ArrayList<>();
            // per restarted run: changes Debezium replayed that their partition held already
            List<Long> skippedAfterRestart = new ArrayList<>();
            Observe observe = new Observe(port);
            try {
                for (int kill = 0; kill < KILLS; kill++) {
                    pipeline = CrashRecoveryIT.Pipeline.start(dir, dataDir, source.port(), kill, publish);
                    pipeline.awaitStreaming(source);
                    if (workload == null) {
                        // changes from the moment the first run reads the slot: no snapshot, every change streamed
                        workload = workloadThread.submit(() -> {
                            while (!stopWorkload.get()) {
                                changes.run(20, Duration.ofSeconds(1), 150, made);
                            }
                            return null;
                        });
                    }
                    if (kill == 0) {
                        // a run killed before Debezium first saved its position snapshots again at restart (a
                        // crash during the initial snapshot, a documented limit): the first kill comes after it
                        await("the first position saved").atMost(Duration.ofSeconds(60))
                                .pollInterval(Duration.ofMillis(200))
                                .until(() -> Files.exists(dataDir.resolve("debezium-offsets.dat")));
                    }
                    // the kill point: once Kafka has acknowledged a random number of this run's records
                    long after = 20 + random.nextInt(300);
                    killedAfter.add(after);
                    await("run " + kill + " publishing " + after + " records").atMost(Duration.ofMinutes(1))
                            .ignoreExceptions().pollInterval(Duration.ofMillis(50))
                            .until(() -> Observe.sum(observe.metrics(), "cdc_kafka_published_total") >= after);
                    if (kill > 0) {
                        skippedAfterRestart.add(publishedBefore(observe));
                    }
                    pipeline.kill();
                }
                pipeline = CrashRecoveryIT.Pipeline.start(dir, dataDir, source.port(), KILLS, publish);
                pipeline.awaitStreaming(source);
                stopWorkload.set(true);
                workload.get(30, TimeUnit.SECONDS);
                long total = made.total();
                await("every change in Kafka").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> distinctTokens(KafkaPipelines.topics(kafka, PREFIX)) == total);
                skippedAfterRestart.add(publishedBefore(observe));
                pipeline.stop();
            } finally {
                stopWorkload.set(true);
                workloadThread.shutdownNow();
                if (pipeline != null) {
                    pipeline.destroy();
                }
            }
            String logs = "\nseed " + seed + ", killed after (records acknowledged) " + killedAfter
                    + ", replayed changes skipped per restarted run " + skippedAfterRestart + "; logs in " + dir
                    + "; the last one ends:\n" + pipeline.tail(40);
            // the read-back was put to work: restarts replayed changes their partitions held
            assertThat(skippedAfterRestart.stream().mapToLong(Long::longValue).sum()).as(logs).isPositive();
            List<TopicRecords.Record> records = KafkaPipelines.topics(kafka, PREFIX);
            // nothing missing; what a run published before its kill is not published again by the next
            long published = records.stream().filter(r -> r.value() != null).count();
            assertThat(distinctTokens(records)).as(logs).isEqualTo(made.total());
            assertThat(published).as(logs).isEqualTo(made.total());
            KafkaPipelines.assertInSourceOrder(records);

            // and a consumer group lands each change once
            Main consumer = KafkaPipelines.consumer(source, kafka, PREFIX, dir.resolve("warehouse"));
            consumer.start();
            try {
                DataSource warehouse = consumer.lookup(PipelineConfiguration.WAREHOUSE, DataSource.class);
                await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> Sql.number(
                        warehouse::getConnection, "SELECT COUNT(*) FROM RAW_CHANGES") >= made.total());
                assertThat(Sql.number(warehouse::getConnection, "SELECT COUNT(*) FROM RAW_CHANGES")).as(logs)
                        .isEqualTo(made.total());
                assertThat(RawChanges.distinctPositions(warehouse::getConnection)).as(logs).isEqualTo(made.total());
                assertThat(RawChanges.byTableAndOp(warehouse::getConnection).snapshot()).as(logs)
                        .isEqualTo(made.snapshot());
            } finally {
                consumer.stop();
            }
            System.out.printf("PublishCrashIT: seed %d, %d SIGKILLs after %s records acknowledged, %s replayed changes"
                    + " skipped by the restarted runs, %d changes made, published and landed once%n", seed, KILLS,
                    killedAfter, skippedAfterRestart, made.total());
        }
    }

    private static long publishedBefore(Observe observe) throws Exception {
        return (long) Observe.sum(observe.metrics(), "cdc_skipped_total", "reason=\"published-before\"");
    }

    /** Change records (not tombstones) told apart by their topic and offset token. */
    private static long distinctTokens(List<TopicRecords.Record> records) {
        return records.stream().filter(r -> r.value() != null).map(r -> r.topic() + "/" + r.token()).distinct()
                .count();
    }
}
