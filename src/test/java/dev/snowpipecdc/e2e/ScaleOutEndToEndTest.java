package dev.snowpipecdc.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.demo.ChangeTally;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.Workload;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.monitoring.Meters;
import dev.snowpipecdc.source.kafka.PartitionHandover;
import dev.snowpipecdc.support.KafkaBroker;
import dev.snowpipecdc.support.LogCapture;
import dev.snowpipecdc.support.KafkaPipelines;
import dev.snowpipecdc.support.SourceFreeze;
import dev.snowpipecdc.support.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out with the app alone: one publisher (PostgreSQL → Kafka, 4 partitions per table) and a consumer group of
 * two members (two Camel contexts, one warehouse, as one Snowflake account would be). Mid-stream one member dies
 * abruptly: its consumer stops dead without handing its partitions over, while its batches and its sink go on as a
 * hung process's would. The group expels it and the other member takes its partitions from what their channels
 * have committed; then the hung member wakes up with a message of a partition it no longer owns and writes it
 * (a zombie), learns its partitions are lost and joins again. Afterwards the warehouse holds every change once
 * (count = distinct = made) and equals the source.
 */
class ScaleOutEndToEndTest {

    private static final String PREFIX = "scale_e2e";

    @TempDir
    Path dir;

    @Test
    void should_land_every_change_once_when_a_member_dies_mid_stream() throws Exception {
        KafkaBroker kafka = KafkaBroker.shared();
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"));
             EmbeddedWarehouse shared = EmbeddedWarehouse.start(dir.resolve("warehouse"), "SNOWPIPE_CDC", "PUBLIC",
                     30)) {
            Main publisher = KafkaPipelines.publisher(source, kafka, PREFIX, dir.resolve("publisher"));
            publisher.start();
            SourceFreeze death = new SourceFreeze();
            Main dying = member(source, kafka, dir.resolve("a"), shared);
            dying.addMainListener(death);
            Main surviving = member(source, kafka, dir.resolve("b"), shared);
            try (LogCapture handovers = new LogCapture(PartitionHandover.class, Level.INFO);
                 LogCapture channels = new LogCapture("dev.snowpipecdc.component.ChannelRegistry", Level.WARN)) {
                DemoCommand.awaitStreaming(source);
                ChangeTally made = new ChangeTally();
                dying.start();
                surviving.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> assigned(dying) == 4 && assigned(surviving) == 4);
                CompletableFuture<Void> workload = CompletableFuture.runAsync(() -> {
                    try {
                        new Workload(source.dataSource(), 31).run(900, Duration.ofMinutes(2), 100, made);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                DataSource warehouse = shared.dataSource();
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> Sql.number(
                        warehouse::getConnection, "SELECT COUNT(*) FROM RAW_CHANGES") > 150);
                death.freeze();
                await("the group gives the dead member's partitions to the other").atMost(Duration.ofSeconds(60))
                        .until(() -> assigned(surviving) == 8);
                long takenOver = Sql.number(warehouse::getConnection, "SELECT COUNT(*) FROM RAW_CHANGES");
                await("the other member landing changes of all partitions").atMost(Duration.ofSeconds(60))
                        .ignoreExceptions().until(() -> Sql.number(warehouse::getConnection,
                                "SELECT COUNT(*) FROM RAW_CHANGES") > takenOver + 100);
                // the dead member was only hung (a long pause, a network blip): it wakes up while the other owns its
                // partitions, with a message of one of them in hand, which it sends into that partition's channel
                // (the other member's opening invalidated it: it reopens it, taking it back), then learns that its
                // partitions are lost and joins the group again
                int reopenedBefore = reopened(channels);
                death.thaw();
                await("the woken member learning its partitions are lost").atMost(Duration.ofSeconds(60))
                        .until(() -> handovers.lines().stream().anyMatch(line -> line.startsWith(
                                "INFO Partitions lost")));
                await("the woken member writing into a channel the other had opened").atMost(Duration.ofSeconds(60))
                        .until(() -> reopened(channels) > reopenedBefore);
                await("the woken member back in the group").atMost(Duration.ofSeconds(60))
                        .until(() -> assigned(dying) > 0 && assigned(dying) + assigned(surviving) == 8);
                workload.get(3, TimeUnit.MINUTES);
                await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> Sql.number(
                        warehouse::getConnection, "SELECT COUNT(*) FROM RAW_CHANGES") >= made.total());

                KafkaPipelines.assertLandedOnce(source, warehouse, surviving, made.total());
            } finally {
                death.thaw();
                surviving.stop();
                dying.stop();
                publisher.stop();
            }
        }
    }

    private static int reopened(LogCapture channels) {
        return (int) channels.lines().stream().filter(line -> line.contains("was invalidated; reopened")).count();
    }

    private static double assigned(Main member) {
        MeterRegistry meters = member.getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
        return meters.get(Meters.KAFKA_PARTITIONS_ASSIGNED).gauge().value();
    }

    private static Main member(SourceDatabase source, KafkaBroker kafka, Path dataDir, EmbeddedWarehouse shared) {
        Main member = KafkaPipelines.consumer(source, kafka, PREFIX, dataDir);
        member.bind(PipelineConfiguration.EMBEDDED_WAREHOUSE, shared);
        // a member that stops polling is expelled after this long, one that stops heartbeating after the session
        // timeout (the broker's least)
        member.addOverrideProperty("cdc.kafka.max-poll-interval-ms", "8000");
        member.addOverrideProperty("cdc.kafka.session-timeout-ms", "6000");
        // batches stay open for a while: the dead member's are sent after the other has taken its partitions over
        member.addOverrideProperty("cdc.batch.interval-ms", "2000");
        return member;
    }
}
