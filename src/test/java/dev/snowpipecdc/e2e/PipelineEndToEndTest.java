package dev.snowpipecdc.e2e;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.demo.ChangeTally;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.WarehouseVerification;
import dev.snowpipecdc.demo.Workload;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.ingest.IngestClientFactory;
import dev.snowpipecdc.support.RawChanges;
import dev.snowpipecdc.support.Sql;
import dev.snowpipecdc.warehouse.WarehouseObjects;
import dev.snowpipecdc.warehouse.WarehouseSchema;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real PostgreSQL 17 → real Debezium → the YAML and Java routes → the real ingest SDK over HTTP → the embedded
 * warehouse: every change lands exactly once, with its operation, its before and after rows, its enrichment,
 * and offset tokens that only grow on each channel; then the warehouse's own tasks turn the landed changes into
 * current-state tables, SCD Type 2 histories and CUSTOMER_METRICS that agree with the source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndTest {

    /** The SDK that writes; HighPerformanceEndToEndTest runs every test again with the high-performance one. */
    protected String sdk() {
        return IngestClientFactory.CLASSIC_SDK;
    }

    private static final int WORKLOAD_CHANGES = 300;
    private static final int SCRIPTED_CHANGES = 10;

    private Path dir;
    private SourceDatabase source;
    private Main pipeline;
    private EmbeddedWarehouse running;
    private DataSource warehouse;
    private final ChangeTally made = new ChangeTally();
    private WarehouseVerification.Outcome warehouseState;

    @BeforeAll
    void runPipelineOverChanges(@TempDir Path dir) throws Exception {
        this.dir = dir;
        source = SourceDatabase.start(dir.resolve("postgres"));
        // a column PostgreSQL stores out of line (TOAST) when its value is large
        source.execute("ALTER TABLE customers ADD COLUMN notes TEXT");
        pipeline = DemoCommand.pipeline(source, dir.resolve("warehouse"));
        pipeline.addOverrideProperty("snowflake.sdk", sdk());
        pipeline.start();
        running = pipeline.lookup("embeddedWarehouse", EmbeddedWarehouse.class);
        DemoCommand.awaitStreaming(source);

        // one transaction each, so commit order is statement order
        source.execute("INSERT INTO customers (customer_id, email, name) VALUES (1000, 'ann@example.com', 'Ann')");
        source.execute("INSERT INTO orders (order_id, customer_id, amount, status) VALUES (1000, 1000, 12.50, 'NEW')");
        source.execute("UPDATE orders SET status = 'PAID', amount = 99.99 WHERE order_id = 1000");
        source.execute("UPDATE customers SET email = NULL WHERE customer_id = 1000");
        source.execute("DELETE FROM orders WHERE order_id = 1000");
        source.execute("DELETE FROM customers WHERE customer_id = 1000");
        // two changes of one key in one transaction: both are changes, in order
        source.execute("BEGIN; INSERT INTO customers (customer_id, email, name) VALUES (1001, 'bo@example.com', 'Bo');"
                + " UPDATE customers SET name = 'Bo B' WHERE customer_id = 1001; COMMIT;");
        // a large value that an update leaves alone: with the default replica identity PostgreSQL does not send
        // it again, and Debezium reads it back from the table
        source.execute("ALTER TABLE customers REPLICA IDENTITY DEFAULT");
        source.execute("INSERT INTO customers (customer_id, email, name, notes) VALUES (1002, 'cy@example.com', 'Cy',"
                + " (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 400) i))");
        source.execute("UPDATE customers SET name = 'Cy C' WHERE customer_id = 1002");
        source.execute("ALTER TABLE customers REPLICA IDENTITY FULL");
        made.add("customers", "c", 3);
        made.add("customers", "u", 3);
        made.add("customers", "d", 1);
        made.add("orders", "c", 1);
        made.add("orders", "u", 1);
        made.add("orders", "d", 1);
        new Workload(source.dataSource(), 7).run(WORKLOAD_CHANGES, Duration.ofMinutes(2), 0, made);

        await().atMost(Duration.ofSeconds(60)).until(() -> landedSoFar() >= WORKLOAD_CHANGES + SCRIPTED_CHANGES);
        WarehouseObjects objects = pipeline.lookup(PipelineConfiguration.WAREHOUSE_SCHEMA, WarehouseSchema.class)
                .objects();
        warehouseState = new WarehouseVerification(source.dataSource(),
                pipeline.lookup(PipelineConfiguration.WAREHOUSE, DataSource.class), objects)
                .verify(Duration.ofSeconds(90));
        // stop (and flush) before looking: a late duplicate must show in the counts
        pipeline.stop();
        warehouse = EmbeddedWarehouse.openReadOnly(dir.resolve("warehouse"), "SNOWPIPE_CDC", "PUBLIC");
    }

    @AfterAll
    void stop() {
        source.close();
    }

    @Test
    void should_land_every_change_exactly_once() throws SQLException {
        assertThat(made.total()).isEqualTo(WORKLOAD_CHANGES + SCRIPTED_CHANGES);
        assertThat(count("SELECT COUNT(*) FROM RAW_CHANGES")).isEqualTo(made.total());
        assertThat(RawChanges.distinctPositions(warehouse::getConnection)).isEqualTo(made.total());
        assertThat(RawChanges.byTableAndOp(warehouse::getConnection).snapshot()).isEqualTo(made.snapshot());
        assertThat(count("SELECT COUNT(*) FROM DEAD_LETTERS")).isZero();
    }

    @Test
    void should_keep_each_change_with_its_operation_and_rows() throws SQLException {
        assertThat(rows("SELECT OPERATION, BEFORE->>'email', AFTER->>'email', AFTER->>'name' FROM RAW_CHANGES"
                + " WHERE TABLE_NAME = 'customers' AND (PRIMARY_KEY->>'customer_id') = '1000' ORDER BY OFFSET_TOKEN"))
                .containsExactly("c|null|ann@example.com|Ann", "u|ann@example.com|null|Ann", "d|null|null|null");
        assertThat(rows("SELECT OPERATION, BEFORE->>'amount', AFTER->>'amount', AFTER->>'status',"
                + " ENRICHMENT->>'customer_email', ENRICHMENT->>'customer_name' FROM RAW_CHANGES"
                + " WHERE TABLE_NAME = 'orders' AND (PRIMARY_KEY->>'order_id') = '1000' ORDER BY OFFSET_TOKEN"))
                // by the delete, the customers stream had already set Ann's email to NULL
                .containsExactly("c|null|12.50|NEW|ann@example.com|Ann", "u|12.50|99.99|PAID|ann@example.com|Ann",
                        "d|99.99|null|null|null|Ann");
        assertThat(rows("SELECT OPERATION, AFTER->>'name' FROM RAW_CHANGES WHERE TABLE_NAME = 'customers'"
                + " AND (PRIMARY_KEY->>'customer_id') = '1001' ORDER BY OFFSET_TOKEN"))
                .containsExactly("c|Bo", "u|Bo B");
        // the deleted customer's full row, thanks to REPLICA IDENTITY FULL, with its source timestamp as ISO text
        assertThat(rows("SELECT BEFORE->>'name', BEFORE->>'created_at' LIKE '____-__-__T__:__:__.______'"
                + " FROM RAW_CHANGES WHERE TABLE_NAME = 'customers' AND OPERATION = 'd'"
                + " AND (PRIMARY_KEY->>'customer_id') = '1000'")).containsExactly("Ann|true");
    }

    @Test
    void should_give_each_channel_increasing_offset_tokens_in_arrival_order() throws SQLException {
        for (String table : List.of("customers", "orders")) {
            List<String> tokens = rows("SELECT OFFSET_TOKEN FROM RAW_CHANGES WHERE TABLE_NAME = '" + table
                    + "' ORDER BY rowid");
            assertThat(tokens).hasSizeGreaterThan(10).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
        }
        // the channel's committed token, as the embedded warehouse keeps it: on the table (classic) or on its pipe
        String channels = sdk().equals(IngestClientFactory.CLASSIC_SDK) ? "CHANNELS WHERE TABLE_NAME = 'RAW_CHANGES'"
                : "PIPE_CHANNELS WHERE PIPE_NAME = 'RAW_CHANGES-STREAMING'";
        assertThat(rows("SELECT OFFSET_TOKEN FROM SNOWPIPE_CDC._EMULATOR." + channels + " AND CHANNEL_NAME = 'ORDERS'"))
                .containsExactly(rows("SELECT MAX(OFFSET_TOKEN) FROM RAW_CHANGES WHERE TABLE_NAME = 'orders'")
                        .get(0));
    }

    @Test
    void should_keep_current_state_tables_and_metrics_equal_to_the_source_with_a_clean_history() {
        assertThat(warehouseState.problems()).isEmpty();
        assertThat(warehouseState.passed()).isTrue();
        assertThat(warehouseState.scdLatency().count()).isGreaterThan(WORKLOAD_CHANGES / 2);
    }

    @Test
    void should_record_each_committed_state_as_a_version_from_its_commit_time() throws SQLException {
        // insert; email set to NULL; delete: two versions, the second ended by the delete
        assertThat(rows("SELECT s.EMAIL, s.NAME, s.IS_CURRENT, s.IS_DELETED,"
                + " s.VALID_FROM = (SELECT COMMITTED_AT FROM RAW_CHANGES r WHERE r.TABLE_NAME = 'customers'"
                + "   AND SUBSTR(r.OFFSET_TOKEN, 1, 18) = s._TX_POSITION),"
                + " s.VALID_TO = LEAD(s.VALID_FROM) OVER (ORDER BY s.VALID_FROM)"
                + " FROM CUSTOMERS_SCD s WHERE s.CUSTOMER_ID = 1000 ORDER BY s.VALID_FROM"))
                .containsExactly("ann@example.com|Ann|false|false|true|true", "null|Ann|false|true|true|null");
        assertThat(rows("SELECT VALID_TO = (SELECT COMMITTED_AT FROM RAW_CHANGES WHERE TABLE_NAME = 'customers'"
                + " AND OPERATION = 'd' AND (PRIMARY_KEY->>'customer_id') = '1000') FROM CUSTOMERS_SCD"
                + " WHERE CUSTOMER_ID = 1000 AND IS_DELETED")).containsExactly("true");
        // insert and update in one transaction: one version, its final state
        assertThat(rows("SELECT NAME, IS_CURRENT FROM CUSTOMERS_SCD WHERE CUSTOMER_ID = 1001"))
                .containsExactly("Bo B|true");
        assertThat(rows("SELECT AMOUNT, STATUS, IS_DELETED FROM ORDERS_SCD WHERE ORDER_ID = 1000 ORDER BY VALID_FROM"))
                .containsExactly("12.50|NEW|false", "99.99|PAID|true");
        assertThat(rows("SELECT COUNT(*) FROM CUSTOMERS WHERE CUSTOMER_ID IN (1000, 1001)")).containsExactly("1");
    }

    @Test
    void should_keep_a_large_value_that_an_update_did_not_change() throws SQLException {
        assertThat(rows("SELECT OPERATION, LENGTH(AFTER->>'notes') FROM RAW_CHANGES WHERE TABLE_NAME = 'customers'"
                + " AND (PRIMARY_KEY->>'customer_id') = '1002' ORDER BY OFFSET_TOKEN"))
                .containsExactly("c|12800", "u|12800");
        assertThat(rows("SELECT NAME, LENGTH(NOTES) FROM CUSTOMERS_SCD WHERE CUSTOMER_ID = 1002 ORDER BY VALID_FROM"))
                .containsExactly("Cy|12800", "Cy C|12800");
    }

    private long landedSoFar() throws SQLException {
        return Sql.number(running::openDuckDb, "SELECT COUNT(*) FROM RAW_CHANGES");
    }

    private long count(String sql) throws SQLException {
        return Sql.number(warehouse::getConnection, sql);
    }

    private List<String> rows(String sql) throws SQLException {
        return Sql.rows(warehouse::getConnection, sql);
    }
}
