package dev.snowpipecdc.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.snowpipecdc.demo.ChangeTally;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.Workload;
import dev.snowpipecdc.monitoring.Meters;
import dev.snowpipecdc.routes.Endpoints;
import dev.snowpipecdc.support.KafkaBroker;
import dev.snowpipecdc.support.KafkaPipelines;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

/**
 * The publish topology's throughput: a backlog of changes in PostgreSQL (committed while nothing reads them, kept by
 * a replication slot made first) read by the publisher until Kafka has acknowledged every record, against the ceiling
 * measured on the same kind of backlog in the same round: Camel's {@code debezium-postgres:} with a processor that
 * only counts; and the direct topology (to the embedded warehouse) for comparison. Each path reads a slot of its own,
 * made before the round's changes; a first round warms up and is not counted.
 * Not part of {@code mvn verify}; run it with
 * {@code mvn -B test -Dtest=PublishBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.events=N -Dbench.rounds=R} to change its size).
 */
class PublishBenchmark {

    private static final String PUBLICATION = "bench";
    private static final String CEILING = "ceiling: debezium-postgres, no-op";
    private static final String PUBLISH = "publish (Kafka acknowledged)";
    private static final String DIRECT = "direct (warehouse committed)";

    @TempDir
    Path dir;

    @Test
    void measure_publish_against_a_bare_debezium_consumer() throws Exception {
        int events = Integer.getInteger("bench.events", 20_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        KafkaBroker kafka = KafkaBroker.shared();
        Map<String, List<Double>> perSecond = new LinkedHashMap<>();
        List.of(CEILING, PUBLISH, DIRECT).forEach(name -> perSecond.put(name, new ArrayList<>()));
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"))) {
            // pgoutput decodes with the catalog as it was at each change: the publication must come first
            source.execute("CREATE PUBLICATION " + PUBLICATION + " FOR TABLE customers, orders");
            for (int round = 0; round < rounds + 1; round++) {
                List<String> slots = List.of("ceiling_" + round, "publish_" + round, "direct_" + round);
                slots.forEach(slot -> source.execute("SELECT pg_create_logical_replication_slot('" + slot
                        + "', 'pgoutput')"));
                ChangeTally made = new ChangeTally();
                new Workload(source.dataSource(), round).run(events, Duration.ofMinutes(10), 0, made);
                long deletes = made.get("customers", "d") + made.get("orders", "d");
                double ceiling = ceiling(source, slots.get(0), made.total());
                double publish = publish(source, kafka, slots.get(1), round, made.total(), made.total() + deletes);
                double direct = direct(source, slots.get(2), round, made.total());
                slots.forEach(slot -> source.execute("SELECT pg_drop_replication_slot('" + slot + "')"));
                String label = round == 0 ? "warm-up" : "round " + round;
                System.out.printf(Locale.ROOT, "PublishBenchmark %s (%d changes): ceiling %.0f, publish %.0f, direct"
                        + " %.0f changes/s%n", label, made.total(), ceiling, publish, direct);
                if (round > 0) {
                    perSecond.get(CEILING).add(ceiling);
                    perSecond.get(PUBLISH).add(publish);
                    perSecond.get(DIRECT).add(direct);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nPublishBenchmark: %d changes per round, %d rounds%n", events, rounds);
        Rounds.print(perSecond, "changes per second");
    }

    /** Changes per second of debezium-postgres with a processor that counts, from its start to the last change. */
    private static double ceiling(SourceDatabase source, String slot, long changes) throws Exception {
        return CeilingRun.measure(source, slot, PUBLICATION, "public.customers,public.orders", changes,
                Duration.ofMinutes(10)).changesPerSecond();
    }

    /** Changes per second of the publisher, from its source starting to the last record acknowledged. */
    private double publish(SourceDatabase source, KafkaBroker kafka, String slot, int round, long changes,
                           long records) throws Exception {
        Main publisher = KafkaPipelines.publisher(source, kafka, "bench_publish_" + round, dir.resolve(slot));
        fromSlot(publisher, slot);
        return run(publisher, Meters.KAFKA_PUBLISHED, records) * changes / records;
    }

    /** Changes per second of the direct topology, from its source starting to the last change committed. */
    private double direct(SourceDatabase source, String slot, int round, long changes) throws Exception {
        Main direct = DemoCommand.pipeline(source, dir.resolve(slot));
        fromSlot(direct, slot);
        return run(direct, Meters.ROWS_COMMITTED, changes);
    }

    /** The backlog of the slot made for it, without a snapshot. */
    private static void fromSlot(Main pipeline, String slot) {
        pipeline.addOverrideProperty("cdc.source.slot", slot);
        pipeline.addOverrideProperty("cdc.source.publication", PUBLICATION);
        pipeline.addOverrideProperty("cdc.source.snapshot-mode", "no_data");
    }

    /** Per second, from the source route starting until the counter reaches the count. */
    private static double run(Main pipeline, String counter, long count) throws Exception {
        pipeline.start();
        try {
            CamelContext camel = pipeline.getCamelContext();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10)).until(() ->
                    camel.getRouteController().getRouteStatus(Endpoints.SOURCE_ROUTE_ID).isStarted());
            long start = System.nanoTime();
            MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                    meters.find(counter).counters().stream().mapToDouble(c -> c.count()).sum() >= count);
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            pipeline.stop();
        }
    }
}
