package dev.snowpipecdc.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.demo.ChangeTally;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.Workload;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.monitoring.Meters;
import dev.snowpipecdc.routes.Endpoints;
import dev.snowpipecdc.support.KafkaBroker;
import dev.snowpipecdc.support.KafkaConnect;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

/**
 * The consume topology's throughput with one consumer: a backlog of Debezium's JSON change events (made by the
 * real connector from a PostgreSQL workload, 3 partitions per topic) read by the whole pipeline into the embedded
 * warehouse, against the ceiling measured in the same run: a bare camel-kafka consumer of the same topics that
 * only counts; and the pipeline again with the embedded warehouse's tasks at Snowflake's pace (a minute), so that
 * none runs while it is measured (in production the warehouse is another machine). Each round reads the backlog
 * anew with a new group (and a new warehouse).
 * Not part of {@code mvn verify}; run it with
 * {@code mvn -B test -Dtest=ConsumeBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.events=N -Dbench.rounds=R} to change its size).
 */
class ConsumeBenchmark {

    private static final String PREFIX = "bench";

    @TempDir
    Path dir;

    @Test
    void measure_consume_against_a_bare_consumer() throws Exception {
        int events = Integer.getInteger("bench.events", 20_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        KafkaBroker kafka = KafkaBroker.shared();
        kafka.createTopic(PREFIX + ".public.customers", 3);
        kafka.createTopic(PREFIX + ".public.orders", 3);
        ChangeTally made = new ChangeTally();
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"))) {
            long messages;
            try (KafkaConnect connect = KafkaConnect.start(source, kafka, PREFIX, "public.customers,public.orders")) {
                new Workload(source.dataSource(), 1).run(events, Duration.ofMinutes(10), 0, made);
                // and a tombstone after each delete
                long deletes = made.get("customers", "d") + made.get("orders", "d");
                await().atMost(Duration.ofMinutes(5)).until(() -> connect.published().size() == made.total() + deletes);
                messages = connect.published().size();
            }
            System.out.printf(Locale.ROOT, "ConsumeBenchmark: %d changes, %d Kafka messages (tombstones included)%n",
                    made.total(), messages);

            Map<String, List<Double>> perSecond = new LinkedHashMap<>();
            perSecond.put("ceiling: bare camel-kafka consumer", new ArrayList<>());
            perSecond.put("consume pipeline, 1 consumer", new ArrayList<>());
            perSecond.put("the same, warehouse tasks idle", new ArrayList<>());
            perSecond.put("consume, 2 consumers (one JVM)", new ArrayList<>());
            for (int round = 0; round < rounds + 1; round++) {
                double ceiling = bare(kafka, messages, "bare-" + round);
                double pipeline = pipeline(source, kafka, made.total(), "pipeline-" + round, "30");
                // the embedded warehouse's tasks at Snowflake's pace (a minute): none runs during the measurement
                double tasksIdle = pipeline(source, kafka, made.total(), "idle-" + round, "1");
                double twoMembers = twoMembers(source, kafka, made.total(), "two-" + round);
                String label = round == 0 ? "warm-up" : "round " + round;
                System.out.printf(Locale.ROOT, "ConsumeBenchmark %s: ceiling %.0f messages/s, pipeline %.0f changes/s,"
                        + " with the warehouse tasks idle %.0f changes/s, 2 consumers %.0f changes/s%n", label, ceiling,
                        pipeline, tasksIdle, twoMembers);
                if (round > 0) {
                    perSecond.get("ceiling: bare camel-kafka consumer").add(ceiling);
                    perSecond.get("consume pipeline, 1 consumer").add(pipeline);
                    perSecond.get("the same, warehouse tasks idle").add(tasksIdle);
                    perSecond.get("consume, 2 consumers (one JVM)").add(twoMembers);
                }
            }
            System.out.printf(Locale.ROOT, "%nConsumeBenchmark: %d changes, %d rounds%n", made.total(), rounds);
            Rounds.print(perSecond, "per second");
        }
    }

    /** Messages per second of a consumer that only counts, from its start to the last message. */
    private static double bare(KafkaBroker kafka, long expected, String group) throws Exception {
        AtomicLong seen = new AtomicLong();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("kafka:" + PREFIX + ".public.customers," + PREFIX + ".public.orders?brokers="
                            + kafka.bootstrapServers() + "&groupId=" + group + "&autoOffsetReset=earliest"
                            + "&maxPollRecords=500").process(exchange -> seen.incrementAndGet());
                }
            });
            long start = System.nanoTime();
            camel.start();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> seen.get() >= expected);
            return expected / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Changes per second of the consume pipeline, from its source starting to the last change committed. */
    private double pipeline(SourceDatabase source, KafkaBroker kafka, long changes, String group, String timeScale)
            throws Exception {
        Main pipeline = DemoCommand.pipeline(source, dir.resolve(group));
        pipeline.addOverrideProperty("cdc.emulator.time-scale", timeScale);
        pipeline.addOverrideProperty("cdc.topology", "consume");
        pipeline.addOverrideProperty("cdc.source.name", PREFIX);
        pipeline.addOverrideProperty("cdc.kafka.brokers", kafka.bootstrapServers());
        pipeline.addOverrideProperty("cdc.kafka.group-id", group);
        pipeline.start();
        try {
            CamelContext camel = pipeline.getCamelContext();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10)).until(() ->
                    camel.getRouteController().getRouteStatus(Endpoints.SOURCE_ROUTE_ID).isStarted());
            long start = System.nanoTime();
            MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                    meters.find(Meters.ROWS_COMMITTED).counters().stream().mapToDouble(c -> c.count()).sum()
                            >= changes);
            return changes / ((System.nanoTime() - start) / 1e9);
        } finally {
            pipeline.stop();
        }
    }

    /**
     * Changes per second of two members of one group (two pipelines in this JVM sharing one embedded warehouse,
     * as two replicas share a Snowflake account), from the first source started to the last change committed.
     */
    private double twoMembers(SourceDatabase source, KafkaBroker kafka, long changes, String group) throws Exception {
        try (EmbeddedWarehouse shared = EmbeddedWarehouse.start(dir.resolve(group), "SNOWPIPE_CDC", "PUBLIC", 30)) {
            List<Main> members = new ArrayList<>();
            try {
                for (int member = 0; member < 2; member++) {
                    Main pipeline = DemoCommand.pipeline(source, dir.resolve(group + "-" + member));
                    pipeline.addOverrideProperty("cdc.topology", "consume");
                    pipeline.addOverrideProperty("cdc.source.name", PREFIX);
                    pipeline.addOverrideProperty("cdc.kafka.brokers", kafka.bootstrapServers());
                    pipeline.addOverrideProperty("cdc.kafka.group-id", group);
                    pipeline.bind(PipelineConfiguration.EMBEDDED_WAREHOUSE, shared);
                    members.add(pipeline);
                }
                // the first applies the warehouse schema and reads until the second has started and the group has
                // rebalanced: counted, as a scale-out pays it
                members.get(0).start();
                awaitSource(members.get(0).getCamelContext());
                long start = System.nanoTime();
                members.get(1).start();
                awaitSource(members.get(1).getCamelContext());
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                        members.stream().mapToDouble(m -> committed(m.getCamelContext())).sum() >= changes);
                return changes / ((System.nanoTime() - start) / 1e9);
            } finally {
                members.forEach(Main::stop);
            }
        }
    }

    private static void awaitSource(CamelContext camel) {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10)).until(() ->
                camel.getRouteController().getRouteStatus(Endpoints.SOURCE_ROUTE_ID).isStarted());
    }

    private static double committed(CamelContext camel) {
        return camel.getRegistry().findSingleByType(MeterRegistry.class).find(Meters.ROWS_COMMITTED).counters()
                .stream().mapToDouble(c -> c.count()).sum();
    }
}
