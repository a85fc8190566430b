package dev.snowpipecdc.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.snowpipecdc.demo.ChangeTally;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.Workload;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.ingest.IngestClientFactory;
import dev.snowpipecdc.support.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly-once delivery under crashes, end to end and out of process: the runnable jar ({@code run}) streams a
 * real PostgreSQL 17 into the embedded warehouse while a workload keeps inserting, updating and deleting rows of
 * both tables, and is killed with SIGKILL at random moments (during start-up and catch-up as well as while
 * streaming) several times, each time restarted on the same data directory. SIGKILL gives the pipeline no chance
 * to flush or save anything, so whatever was buffered, in flight or half-committed is simply gone; only the
 * delivery gate (Debezium's offsets and the replication slot never move past what the warehouse has committed)
 * and the channels' committed tokens (a replay does not land twice) stand between that and a lost or duplicated
 * change.
 *
 * <p>At the end RAW_CHANGES must hold every source change exactly once by source position, and nothing else. The
 * expectation does not come from the pipeline: a second replication slot with PostgreSQL's own
 * {@code test_decoding} plugin, made before the first change, lists every committed change with its table,
 * operation and LSN; the workload's own count per table and operation is checked as well.
 *
 * <p>The seed is printed; {@code -Dcrash.seed=N} repeats the same kill points and workload (not the same
 * timing). On a failure the work directory stays, with each run's log; {@code -Dcrash.snapshots=true} also keeps a
 * copy of the data directory as each kill left it.
 */
class CrashRecoveryIT {

    private static final Path JAR = Path.of("target", "snowpipe-cdc.jar");
    /** the pipeline's slot: cdc.source.slot's default, as the child gets no CDC_SOURCE_SLOT */
    private static final String SLOT = "snowpipe_cdc";
    private static final String TRUTH_SLOT = "crash_truth";
    private static final int KILLS = 5;
    private static final int HIGH_PERFORMANCE_KILLS = 2;
    private static final double CHANGES_PER_SECOND = 100;
    private static final Duration STREAMING_WITHIN = Duration.ofSeconds(90);
    private static final Duration DELIVERED_WITHIN = Duration.ofMinutes(3);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    /**
     * With either SDK writing. The high-performance one is killed at the two fixed kill points only, to keep the
     * build's time: what differs between the SDKs is how a channel's committed token is kept and read back, which
     * those two exercise (a restart with nothing committed yet, and one whose batches were on their way).
     */
    @ParameterizedTest(name = "sdk={0}")
    @ValueSource(strings = {IngestClientFactory.CLASSIC_SDK, IngestClientFactory.HIGH_PERFORMANCE_SDK})
    void should_land_every_source_change_exactly_once_across_repeated_sigkills(String sdk) throws Exception {
        assertThat(JAR).as("the runnable jar (mvn package)").isRegularFile();
        long seed = Long.getLong("crash.seed", System.nanoTime());
        int kills = sdk.equals(IngestClientFactory.CLASSIC_SDK) ? KILLS : HIGH_PERFORMANCE_KILLS;
        Map<String, String> settings = Map.of("SNOWFLAKE_SDK", sdk);
        System.out.println("CrashRecoveryIT (" + sdk + ") seed " + seed + " (-Dcrash.seed=" + seed
                + " repeats it); work dir " + dir);
        Random random = new Random(seed);
        long started = System.nanoTime();
        Path dataDir = dir.resolve("data");
        ChangeTally made = new ChangeTally();
        List<String> killedAt = new ArrayList<>();

        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"))) {
            ExecutorService workloadThread = Executors.newSingleThreadExecutor();
            AtomicBoolean stopWorkload = new AtomicBoolean();
            Future<?> workload = null;
            Pipeline pipeline = null;
            try {
                // the first start snapshots empty tables; the workload starts once it streams, so that every
                // change is a streamed one and nothing is a snapshot read
                pipeline = Pipeline.start(dir, dataDir, source.port(), 0, settings);
                pipeline.awaitStreaming(source);
                source.execute("SELECT pg_create_logical_replication_slot('" + TRUTH_SLOT + "', 'test_decoding')");
                Workload changes = new Workload(source.dataSource(), seed);
                workload = workloadThread.submit(() -> {
                    while (!stopWorkload.get()) {
                        // small rounds so that a stop takes effect between committed transactions
                        changes.run(20, Duration.ofSeconds(1), CHANGES_PER_SECOND, made);
                    }
                    return null;
                });

                // The first run most likely dies before the warehouse has committed anything, so that the second
                // starts from a position with nothing delivered after it and is killed just after it saved its
                // first position, typically while its first batches are still on their way: a position that ran
                // ahead of them would lose them for good. The other runs die at random moments.
                List<KillPoint> killPoints = new ArrayList<>(List.of(KillPoint.DURING_STARTUP,
                        KillPoint.DURING_STARTUP, KillPoint.RIGHT_AFTER_A_POSITION_SAVE, KillPoint.WHILE_STREAMING));
                Collections.shuffle(killPoints, random);
                killPoints.addAll(0, List.of(KillPoint.AS_STREAMING_BEGINS, KillPoint.RIGHT_AFTER_A_POSITION_SAVE));
                for (int kill = 0; kill < kills; kill++) {
                    String confirmedBefore = confirmedPosition(source);
                    if (kill > 0) {
                        pipeline = Pipeline.start(dir, dataDir, source.port(), kill, settings);
                    }
                    killedAt.add(killPoints.get(kill).reach(pipeline, source, random, confirmedBefore));
                    assertThat(workload).as("the workload stopped early").isNotDone();
                    pipeline.kill();
                    if (Boolean.getBoolean("crash.snapshots")) {
                        copyTree(dataDir, dir.resolve("after-kill-" + kill));
                    }
                    awaitSlotReleased(source, pipeline);
                }

                pipeline = Pipeline.start(dir, dataDir, source.port(), kills, settings);
                pipeline.awaitStreaming(source);
                // let the restart catch up under live changes before the source goes quiet
                sleep(2_000 + random.nextInt(3_000));
                stopWorkload.set(true);
                workload.get(30, TimeUnit.SECONDS);

                String lastChange = lastChange(source.dataSource(), made);
                awaitDelivered(source, pipeline, lastChange);
                pipeline.stop();
            } finally {
                stopWorkload.set(true);
                workloadThread.shutdownNow();
                if (pipeline != null) {
                    pipeline.destroy();
                }
            }
            List<String> expected = truth(source.dataSource());
            String logs = "\nseed " + seed + ", kills: " + killedAt + "\nevery run's log is in " + dir
                    + "; the last one ends:\n" + pipeline.tail(40);
            long landed = assertLandedExactlyOnce(dataDir, expected, made, logs);
            System.out.printf("CrashRecoveryIT (%s): seed %d, %d SIGKILLs, %d changes made, %d landed, %.1f s;"
                    + " kills: %s%n", sdk, seed, kills, made.total(), landed, (System.nanoTime() - started) / 1e9, killedAt);
        }
    }

    /**
     * The other way a deployment ends a run: SIGTERM, as Kubernetes sends it. The pipeline stops within a bound
     * that does not wait for a monitoring poll (the demo's polls run every 2 s and the warehouse's every 5 s here,
     * so one is likely under way), and exits with status 0; the next start, with the warehouse schema already up
     * to date, streams again within seconds; every change lands once across both runs.
     */
    @Test
    void should_stop_cleanly_on_sigterm_and_restart_quickly() throws Exception {
        assertThat(JAR).as("the runnable jar (mvn package)").isRegularFile();
        Path dataDir = dir.resolve("data");
        ChangeTally made = new ChangeTally();
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"))) {
            source.execute("SELECT pg_create_logical_replication_slot('" + TRUTH_SLOT + "', 'test_decoding')");
            List<String> timings = new ArrayList<>();
            for (int run = 0; run < 2; run++) {
                long start = System.nanoTime();
                Pipeline pipeline = Pipeline.start(dir, dataDir, source.port(), run,
                        Map.of("CDC_MONITOR_PIPELINE_INTERVAL_MS", "2000", "CDC_MONITOR_WAREHOUSE_INTERVAL_MS", "5000"));
                try {
                    pipeline.awaitStreaming(source);
                    double toStreaming = (System.nanoTime() - start) / 1e9;
                    new Workload(source.dataSource(), run).run(200, Duration.ofSeconds(30), 0, made);
                    awaitDelivered(source, pipeline, lastChange(source.dataSource(), made));

                    long stop = System.nanoTime();
                    int status = pipeline.terminate(Duration.ofSeconds(20));
                    double toExit = (System.nanoTime() - stop) / 1e9;
                    timings.add(String.format("run %d: streaming %.1f s after start, exited %d %.1f s after SIGTERM",
                            run, toStreaming, status, toExit));
                    assertThat(status).as("exit status after SIGTERM:\n" + pipeline.tail(40)).isZero();
                } finally {
                    pipeline.destroy();
                }
            }
            System.out.println("CrashRecoveryIT (SIGTERM): " + timings);
            assertThat(Files.readString(dir.resolve("run-1.log"))).as("the restart found the schema up to date")
                    .contains("Warehouse schema is up to date (applied: [])");
            assertLandedExactlyOnce(dataDir, truth(source.dataSource()), made, "\n" + timings);
        }
    }

    /**
     * One last change after the workload, with the WAL insert position taken inside its transaction: it is
     * below the transaction's commit record, so a slot confirmed at or past it has passed every earlier change
     * too. Debezium confirms the end of the last transaction it processed; a pg_current_wal_lsn() taken after the
     * workload may lie beyond that (WAL PostgreSQL writes for itself) and, with nothing more to capture, would
     * never be reached.
     */
    private static String lastChange(DataSource source, ChangeTally made) throws SQLException {
        try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.executeUpdate("INSERT INTO customers (email, name) VALUES ('last@example.com', 'Last')");
            String lsn;
            try (ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
                rs.next();
                lsn = rs.getString(1);
            }
            c.commit();
            made.add("customers", "c", 1);
            return lsn;
        }
    }

    /**
     * The pipeline moves its slot only once the warehouse has committed every change before the position, so a
     * confirmed position at or past the last change means that everything has been delivered; the warehouse
     * itself cannot be read while the pipeline holds it open.
     */
    private static void awaitDelivered(SourceDatabase source, Pipeline pipeline, String lsn) {
        await("slot " + SLOT + " confirmed past " + lsn).atMost(DELIVERED_WITHIN).pollInterval(Duration.ofMillis(500))
                .failFast(pipeline::requireAlive)
                .until(() -> Sql.rows(source.dataSource()::getConnection,
                        "SELECT pg_wal_lsn_diff(confirmed_flush_lsn, '" + lsn + "') >= 0 FROM pg_replication_slots"
                                + " WHERE slot_name = '" + SLOT + "'"), rows -> rows.equals(List.of("t")));
    }

    /** Where the pipeline's slot is confirmed up to: the source position the pipeline last saved. */
    private static String confirmedPosition(SourceDatabase source) throws SQLException {
        return Sql.rows(source.dataSource()::getConnection, "SELECT confirmed_flush_lsn FROM pg_replication_slots"
                + " WHERE slot_name = '" + SLOT + "'").get(0);
    }

    private static boolean confirmedAtLeast(SourceDatabase source, String lsn) throws SQLException {
        return Sql.rows(source.dataSource()::getConnection, "SELECT pg_wal_lsn_diff(confirmed_flush_lsn, '" + lsn
                + "') >= 0 FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'").equals(List.of("t"));
    }

    /** The position of the first change of a captured table after {@code lsn}, as test_decoding saw it. */
    private static String firstChangeAfter(SourceDatabase source, String lsn) {
        return await("a change after " + lsn).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Sql.rows(source.dataSource()::getConnection, "SELECT lsn FROM"
                        + " pg_logical_slot_peek_changes('" + TRUTH_SLOT + "', NULL, NULL) WHERE lsn > '" + lsn
                        + "' AND data LIKE 'table %' ORDER BY lsn LIMIT 1"), rows -> !rows.isEmpty()).get(0);
    }

    /** When a run is killed. */
    private enum KillPoint {
        /** anywhere from JVM start through the schema scripts and the channels opening to the catch-up */
        DURING_STARTUP {
            @Override
            String awaitMoment(Pipeline pipeline, SourceDatabase source, Random random, String confirmedBefore)
                    throws InterruptedException {
                long delayMs = 1_000 + random.nextInt(19_000);
                sleep(delayMs);
                return String.format("%.1f s after start (%s)", delayMs / 1000.0,
                        source.slotActive(SLOT) ? "streaming" : "not streaming yet");
            }
        },
        /** before the first batches can have been committed */
        AS_STREAMING_BEGINS {
            @Override
            String awaitMoment(Pipeline pipeline, SourceDatabase source, Random random, String confirmedBefore)
                    throws InterruptedException {
                pipeline.awaitStreaming(source);
                long delayMs = 300 + random.nextInt(1_200);
                sleep(delayMs);
                return String.format("%d ms after streaming", delayMs);
            }
        },
        /** the first seconds after attaching are the catch-up on what was made while it was down */
        WHILE_STREAMING {
            @Override
            String awaitMoment(Pipeline pipeline, SourceDatabase source, Random random, String confirmedBefore)
                    throws InterruptedException {
                pipeline.awaitStreaming(source);
                long delayMs = 2_000 + random.nextInt(6_000);
                sleep(delayMs);
                return String.format("%.1f s after streaming", delayMs / 1000.0);
            }
        },
        /**
         * Just after the run moved the slot (saved its source position) for the first time: the moment when
         * anything the position covers that is not yet committed in the warehouse would be lost for good.
         */
        RIGHT_AFTER_A_POSITION_SAVE {
            @Override
            String awaitMoment(Pipeline pipeline, SourceDatabase source, Random random, String confirmedBefore)
                    throws InterruptedException {
                // a save that covers changes, not one of the position it resumed from
                String change = firstChangeAfter(source, confirmedBefore);
                await("run " + pipeline.run() + " moving slot " + SLOT + " to " + change)
                        .atMost(STREAMING_WITHIN.multipliedBy(2)).pollInterval(Duration.ofMillis(20))
                        .failFast(pipeline::requireAlive).until(() -> confirmedAtLeast(source, change));
                long delayMs = random.nextInt(500);
                sleep(delayMs);
                return String.format("%d ms after it moved the slot past its first change %s", delayMs, change);
            }
        };

        abstract String awaitMoment(Pipeline pipeline, SourceDatabase source, Random random, String confirmedBefore)
                throws InterruptedException;

        String reach(Pipeline pipeline, SourceDatabase source, Random random, String confirmedBefore)
                throws InterruptedException {
            return "run " + pipeline.run() + ": " + awaitMoment(pipeline, source, random, confirmedBefore);
        }
    }

    /** The next run can only attach once PostgreSQL has noticed that the killed reader is gone. */
    private static void awaitSlotReleased(SourceDatabase source, Pipeline killed) {
        await("slot " + SLOT + " released after the kill of run " + killed.run).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> !source.slotActive(SLOT));
    }

    /** Every change committed since the workload began, as PostgreSQL's own decoder saw it: table|op|lsn. */
    private static List<String> truth(DataSource source) throws SQLException {
        return Sql.rows(source::getConnection, "SELECT m[1], CASE m[2] WHEN 'INSERT' THEN 'c' WHEN 'UPDATE' THEN 'u'"
                + " ELSE 'd' END, pg_wal_lsn_diff(lsn, '0/0')::bigint FROM (SELECT lsn,"
                + " regexp_match(data, '^table public\\.(\\w+): (INSERT|UPDATE|DELETE):') AS m"
                + " FROM pg_logical_slot_peek_changes('" + TRUTH_SLOT + "', NULL, NULL)) c WHERE m IS NOT NULL");
    }

    /** @return how many rows RAW_CHANGES holds */
    private static long assertLandedExactlyOnce(Path dataDir, List<String> expected, ChangeTally made, String logs)
            throws SQLException {
        DataSource warehouse = EmbeddedWarehouse.openReadOnly(dataDir, "SNOWPIPE_CDC", "PUBLIC");
        List<String> landed = Sql.rows(warehouse::getConnection,
                "SELECT TABLE_NAME, OPERATION, SOURCE_LSN FROM RAW_CHANGES");

        Map<String, Long> expectedCounts = counts(expected);
        Map<String, Long> landedCounts = counts(landed);
        List<String> duplicated = landedCounts.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " x" + e.getValue()).toList();
        List<String> missing = expectedCounts.keySet().stream().filter(k -> !landedCounts.containsKey(k)).toList();
        List<String> extra = landedCounts.keySet().stream().filter(k -> !expectedCounts.containsKey(k)).toList();

        assertThat(expectedCounts.values()).as("test_decoding lists each change once").allMatch(n -> n == 1);
        assertThat(expected).as("changes seen by test_decoding vs the workload's count").hasSize((int) made.total());
        assertThat(duplicated).as("changes landed more than once (table|op|lsn)" + first(duplicated) + logs)
                .isEmpty();
        assertThat(missing).as("source changes missing from RAW_CHANGES (table|op|lsn)" + first(missing) + logs)
                .isEmpty();
        assertThat(extra).as("RAW_CHANGES rows that are no source change (table|op|lsn)" + first(extra) + logs)
                .isEmpty();

        assertThat(Sql.number(warehouse::getConnection, "SELECT COUNT(*) FROM RAW_CHANGES")).as(logs)
                .isEqualTo(made.total());
        assertThat(Sql.number(warehouse::getConnection,
                "SELECT COUNT(DISTINCT TABLE_NAME || OFFSET_TOKEN) FROM RAW_CHANGES")).as(logs)
                .isEqualTo(made.total());
        ChangeTally landedTally = new ChangeTally();
        for (String row : Sql.rows(warehouse::getConnection,
                "SELECT TABLE_NAME, OPERATION, COUNT(*) FROM RAW_CHANGES GROUP BY TABLE_NAME, OPERATION")) {
            String[] parts = row.split("\\|");
            landedTally.add(parts[0], parts[1], Long.parseLong(parts[2]));
        }
        assertThat(landedTally.snapshot()).as("per table and operation; no snapshot reads (r)" + logs)
                .isEqualTo(made.snapshot());
        assertThat(Sql.rows(warehouse::getConnection, "SELECT REASON, DETAIL FROM DEAD_LETTERS")).as(logs).isEmpty();
        return landed.size();
    }

    private static Map<String, Long> counts(List<String> rows) {
        return rows.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    private static String first(List<String> items) {
        return items.isEmpty() ? "" : " (" + items.size() + ", first: " + items.stream().limit(20).toList() + ")";
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    /** The random kill point; never used to wait for something to happen. */
    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** {@code java -jar snowpipe-cdc.jar run} as a child process, its output in run-N.log. */
    record Pipeline(int run, Process process, Path log) {

        static Pipeline start(Path dir, Path dataDir, int sourcePort, int run) throws IOException {
            return start(dir, dataDir, sourcePort, run, Map.of());
        }

        static Pipeline start(Path dir, Path dataDir, int sourcePort, int run, Map<String, String> settings)
                throws IOException {
            Path logging = dir.resolve("log4j2-debezium.properties");
            if (!Files.exists(logging)) {
                // the jar's logging plus what a lost or doubled change is traced back with: Debezium's account of
                // snapshots and where it resumes, each position it confirms to the slot, and which thread sends
                // each batch
                Files.writeString(logging, """
                        logger.debezium.name = io.debezium
                        logger.debezium.level = INFO
                        logger.lsnflush.name = io.debezium.connector.postgresql.PostgresStreamingChangeEventSource
                        logger.lsnflush.level = DEBUG
                        logger.batches.name = org.apache.camel.processor.aggregate.AggregateProcessor
                        logger.batches.level = DEBUG
                        """);
            }
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dlog4j2.configurationFile=classpath:log4j2.properties," + logging.toAbsolutePath(),
                    "-jar", JAR.toAbsolutePath().toString(), "run");
            Path log = dir.resolve("run-" + run + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            // the embedded warehouse, whatever the machine running the test has configured
            env.keySet().removeIf(name -> name.startsWith("SNOWFLAKE_") || name.startsWith("CDC_"));
            env.put("CDC_SOURCE_HOST", "localhost");
            env.put("CDC_SOURCE_PORT", String.valueOf(sourcePort));
            env.put("CDC_SOURCE_DATABASE", "postgres");
            env.put("CDC_SOURCE_USER", "postgres");
            // the embedded server trusts local connections; Debezium insists on some password
            env.put("CDC_SOURCE_PASSWORD", "postgres");
            env.put("CDC_DATA_DIR", dataDir.toString());
            env.putAll(settings);
            return new Pipeline(run, builder.start(), log);
        }

        void awaitStreaming(SourceDatabase source) {
            await("run " + run + " streaming from slot " + SLOT).atMost(STREAMING_WITHIN)
                    .pollInterval(Duration.ofMillis(100))
                    .failFast(this::requireAlive)
                    .until(() -> source.slotActive(SLOT));
        }

        void requireAlive() {
            if (!process.isAlive()) {
                throw new AssertionError("run " + run + " exited with " + process.exitValue() + ":\n" + tail(60));
            }
        }

        /** SIGKILL, spelled out rather than left to Process.destroyForcibly. */
        void kill() throws IOException, InterruptedException {
            assertThat(process.isAlive()).as("run " + run + " died before its kill:\n" + tail(60)).isTrue();
            Process kill = new ProcessBuilder("kill", "-KILL", String.valueOf(process.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -KILL").isTrue();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("run " + run + " gone after SIGKILL").isTrue();
            // 128 + 9: the JVM ended by the signal, not by anything of its own
            assertThat(process.exitValue()).as("run " + run + " exit status").isEqualTo(137);
        }

        /** SIGTERM: the graceful stop a deployment would do. */
        void stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("run " + run + " stopped on SIGTERM:\n" + tail(60))
                    .isTrue();
        }

        /** SIGTERM; the exit status, which must come within {@code bound}. */
        int terminate(Duration bound) throws InterruptedException {
            assertThat(process.isAlive()).as("run " + run + " died before its stop:\n" + tail(60)).isTrue();
            process.destroy();
            assertThat(process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS))
                    .as("run " + run + " stopped within " + bound.toSeconds() + " s of SIGTERM:\n" + tail(60)).isTrue();
            return process.exitValue();
        }

        void destroy() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }

        String tail(int lines) {
            try {
                List<String> all = Files.readAllLines(log);
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }
}
