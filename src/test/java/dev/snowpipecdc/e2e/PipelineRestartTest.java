package dev.snowpipecdc.e2e;

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.support.Sql;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A pipeline stopped after the initial snapshot and started again picks up where it was: rows that existed
 * before the first start land once (as snapshot reads), changes made after the restart land once.
 */
class PipelineRestartTest {

    @TempDir
    Path dir;

    @Test
    void should_stream_after_a_restart_that_follows_the_snapshot() throws Exception {
        Path warehouseDir = dir.resolve("warehouse");
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"))) {
            source.execute("INSERT INTO customers (email, name) VALUES ('a@example.com', 'A'), ('b@example.com', 'B');"
                    + " INSERT INTO orders (customer_id, amount, status) VALUES (1, 10.00, 'NEW')");

            runUntilLanded(source, warehouseDir, 3, () -> { });
            runUntilLanded(source, warehouseDir, 6, () -> source.execute(
                    "INSERT INTO orders (customer_id, amount, status) VALUES (2, 5.50, 'NEW');"
                            + " UPDATE customers SET name = 'AA' WHERE customer_id = 1;"
                            + " DELETE FROM orders WHERE order_id = 1"));
        }
        DataSource warehouse = EmbeddedWarehouse.openReadOnly(warehouseDir, "SNOWPIPE_CDC", "PUBLIC");
        assertThat(Sql.rows(warehouse::getConnection, "SELECT STRING_AGG(TABLE_NAME || ':' || OPERATION, ','"
                + " ORDER BY TABLE_NAME, OFFSET_TOKEN), COUNT(DISTINCT OFFSET_TOKEN || TABLE_NAME) FROM RAW_CHANGES"))
                .containsExactly("customers:r,customers:r,customers:u,orders:r,orders:c,orders:d|6");
    }

    private static void runUntilLanded(SourceDatabase source, Path warehouseDir, long expected, Runnable changes)
            throws Exception {
        Main pipeline = DemoCommand.pipeline(source, warehouseDir);
        pipeline.start();
        try {
            DemoCommand.awaitStreaming(source);
            changes.run();
            EmbeddedWarehouse warehouse = pipeline.lookup("embeddedWarehouse", EmbeddedWarehouse.class);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Sql.number(warehouse::openDuckDb, "SELECT COUNT(*) FROM RAW_CHANGES") == expected);
        } finally {
            pipeline.stop();
        }
    }
}
