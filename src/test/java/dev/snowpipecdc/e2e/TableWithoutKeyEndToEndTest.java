package dev.snowpipecdc.e2e;

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.WarehouseVerification;
import dev.snowpipecdc.support.Sql;
import dev.snowpipecdc.warehouse.WarehouseSchema;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A source table without a primary key (a log table) captured beside tables with one, by naming it in
 * cdc.source.tables and nothing else (no YAML route): its changes land in RAW_CHANGES and, typed, in
 * STAGING_AUDIT_LOG; the other tables get their current state and history as always.
 */
class TableWithoutKeyEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void should_stream_a_table_without_a_key_beside_tables_with_one() throws Exception {
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"))) {
            source.execute("CREATE TABLE audit_log (customer_id INTEGER, action VARCHAR(20), at TIMESTAMP DEFAULT"
                    + " '2026-12-01 10:00:00');"
                    + " ALTER TABLE audit_log REPLICA IDENTITY FULL;");
            Main pipeline = DemoCommand.pipeline(source, dir.resolve("warehouse"));
            // captured by the setting alone: its route comes from it too, without YAML
            pipeline.addOverrideProperty("cdc.source.tables", "public.customers,public.orders,public.audit_log");
            pipeline.start();
            try {
                DemoCommand.awaitStreaming(source);
                source.execute("INSERT INTO customers (customer_id, email, name) VALUES (1, 'a@x.com', 'Ann')");
                source.execute("INSERT INTO audit_log (customer_id, action) VALUES (1, 'signup'), (1, 'signup')");
                source.execute("UPDATE customers SET name = 'Ann B' WHERE customer_id = 1");
                source.execute("UPDATE audit_log SET action = 'login' WHERE ctid = (SELECT MIN(ctid) FROM audit_log)");
                source.execute("DELETE FROM audit_log WHERE action = 'signup'");
                DataSource warehouse = pipeline.lookup(PipelineConfiguration.WAREHOUSE, DataSource.class);
                await().atMost(Duration.ofSeconds(60)).until(() -> Sql.number(warehouse::getConnection,
                        "SELECT COUNT(*) FROM RAW_CHANGES") == 6);

                WarehouseVerification.Outcome outcome = new WarehouseVerification(source.dataSource(), warehouse,
                        pipeline.lookup(PipelineConfiguration.WAREHOUSE_SCHEMA, WarehouseSchema.class).objects())
                        .verify(Duration.ofSeconds(90));

                assertThat(outcome.problems()).isEmpty();
                assertThat(Sql.rows(warehouse::getConnection, "SELECT NAME, IS_CURRENT FROM CUSTOMERS_SCD"
                        + " ORDER BY VALID_FROM")).containsExactly("Ann|false", "Ann B|true");
                await().atMost(Duration.ofSeconds(60)).until(() -> Sql.number(warehouse::getConnection,
                        "SELECT COUNT(*) FROM STAGING_AUDIT_LOG") == 4);
                assertThat(Sql.rows(warehouse::getConnection, "SELECT _OP, CUSTOMER_ID, ACTION, \"AT\""
                        + " FROM STAGING_AUDIT_LOG ORDER BY _OFFSET_TOKEN")).containsExactly(
                                "c|1|signup|2026-12-01 10:00:00.0",
                                "c|1|signup|2026-12-01 10:00:00.0",
                                "u|1|login|2026-12-01 10:00:00.0",
                                "d|1|signup|2026-12-01 10:00:00.0");
                assertThat(Sql.number(warehouse::getConnection, "SELECT COUNT(*) FROM DEAD_LETTERS")).isZero();
            } finally {
                pipeline.stop();
            }
        }
    }
}
