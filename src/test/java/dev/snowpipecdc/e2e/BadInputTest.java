package dev.snowpipecdc.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.demo.ChangeTally;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.Workload;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.ingest.IngestClientFactory;
import dev.snowpipecdc.monitoring.Reconciliation;
import dev.snowpipecdc.routes.Endpoints;
import dev.snowpipecdc.support.Sql;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The bad-input catalogue on the running pipeline: a message that is not a Debezium change, a change of a table
 * without a route (one whose name is an injection attempt among them), columns added and retyped in the source
 * while it streams, and a row over the warehouse's size limit. Each either lands or is dead-lettered with its
 * reason, the pipeline goes on, and the counts reconcile: every change made is landed or dead-lettered.
 * Values that do not fit their column and changes without a key are the warehouse's to catch (ScdScenarioTest),
 * batches over the byte limit the sink's (SnowpipeStreamingComponentTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    /** The SDK that writes; HighPerformanceBadInputTest runs every test again with the high-performance one. */
    protected String sdk() {
        return IngestClientFactory.CLASSIC_SDK;
    }

    private static final Schema ROW = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final String INJECTION = "orders\"; DROP TABLE RAW_CHANGES; --";
    // over Snowflake's 16 MB limit for a VARIANT value, in one column of one row
    private static final int OVERSIZED_CHARS = 17 * 1024 * 1024;

    private SourceDatabase source;
    private final ChangeTally made = new ChangeTally();
    private DataSource warehouse;
    private Reconciliation.Counts meters;

    @BeforeAll
    void runPipelineOverBadInput(@TempDir Path dir) throws Exception {
        source = SourceDatabase.start(dir.resolve("postgres"));
        Main pipeline = DemoCommand.pipeline(source, dir.resolve("warehouse"));
        pipeline.addOverrideProperty("snowflake.sdk", sdk());
        pipeline.start();
        EmbeddedWarehouse running = pipeline.lookup("embeddedWarehouse", EmbeddedWarehouse.class);
        try {
            DemoCommand.awaitStreaming(source);
            Workload workload = new Workload(source.dataSource(), 53);
            workload.run(100, Duration.ofMinutes(1), 0, made);

            ProducerTemplate producer = pipeline.getCamelContext().createProducerTemplate();
            producer.sendBody(Endpoints.CHANGES, "{\"not\": \"a Debezium change\"}");
            for (String table : List.of("invoices", INJECTION)) {
                producer.sendBodyAndHeaders(Endpoints.CHANGES, new Struct(ROW).put("id", 1), Map.of(
                        DebeziumConstants.HEADER_IDENTIFIER, "snowpipe_cdc.public." + table,
                        DebeziumConstants.HEADER_OPERATION, "c",
                        DebeziumConstants.HEADER_KEY, new Struct(ROW).put("id", 1),
                        DebeziumConstants.HEADER_SOURCE_METADATA, Map.of("schema", "public", "table", table,
                                "lsn", 160L, "ts_us", 1_000_000L, "snapshot", "false",
                                "sequence", "[\"80\",\"160\"]")));
            }

            // schema drift: a new column, then a wider type, while changes stream
            source.execute("ALTER TABLE customers ADD COLUMN loyalty_tier TEXT");
            source.execute("INSERT INTO customers (customer_id, email, name, loyalty_tier)"
                    + " VALUES (900001, 'gold@example.com', 'Goldie', 'gold')");
            source.execute("ALTER TABLE orders ALTER COLUMN status TYPE VARCHAR(100)");
            source.execute("ALTER TABLE orders ALTER COLUMN amount TYPE NUMERIC(14,3)");
            source.execute("INSERT INTO orders (order_id, customer_id, amount, status)"
                    + " VALUES (900001, 900001, 12.345, 'A STATUS LONGER THAN BEFORE')");
            made.add("customers", "c", 1);
            made.add("orders", "c", 1);
            // one row over the size limit, between ordinary ones
            source.execute("INSERT INTO customers (customer_id, email, name, loyalty_tier)"
                    + " VALUES (900002, 'big@example.com', 'Big', repeat('x', " + OVERSIZED_CHARS + "))");
            made.add("customers", "c", 1);
            workload.run(100, Duration.ofMinutes(1), 0, made);

            await().atMost(Duration.ofMinutes(2)).until(() -> landed(running) + deadLettered(running)
                    >= made.total() + 3);
            Reconciliation reconciliation = pipeline.lookup(PipelineConfiguration.RECONCILIATION,
                    Reconciliation.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> reconciliation.counts().reconciled());
            meters = reconciliation.counts();
        } finally {
            pipeline.stop();
        }
        warehouse = EmbeddedWarehouse.openReadOnly(dir.resolve("warehouse"), "SNOWPIPE_CDC", "PUBLIC");
    }

    @AfterAll
    void stop() {
        source.close();
    }

    @Test
    void should_land_or_dead_letter_every_change_and_nothing_else() throws SQLException {
        assertThat(count("SELECT COUNT(*) FROM RAW_CHANGES")).isEqualTo(made.total() - 1);
        assertThat(count("SELECT COUNT(DISTINCT TABLE_NAME || OFFSET_TOKEN) FROM RAW_CHANGES"))
                .isEqualTo(made.total() - 1);
        assertThat(rows("SELECT REASON, COUNT(*) FROM DEAD_LETTERS GROUP BY ALL ORDER BY 1")).containsExactly(
                "malformed|1", "rejected-row|1", "unknown-table|2");
    }

    @Test
    void should_reconcile_its_meters_to_what_came_in() {
        // in: the source's changes and the three injected messages; the oversized row is dead-lettered, not landed
        assertThat(meters).isEqualTo(new Reconciliation.Counts(made.total() + 3, made.total() - 1, 4));
    }

    @Test
    void should_dead_letter_a_message_that_is_not_a_change_with_the_reason() throws SQLException {
        assertThat(rows("SELECT DETAIL, SOURCE_TABLE, OFFSET_TOKEN FROM DEAD_LETTERS WHERE REASON = 'malformed'"))
                .containsExactly("Not a Debezium change (no operation and no source metadata; body: String) from an"
                        + " unnamed source|null|null");
        // what the source's parser says of the message it could not read
        assertThat(rows("SELECT PAYLOAD->>'body', PAYLOAD->>'topic' FROM DEAD_LETTERS WHERE REASON = 'malformed'"))
                .containsExactly("{\"not\": \"a Debezium change\"}|null");
    }

    @Test
    void should_dead_letter_changes_of_tables_without_route_with_the_name_as_data_only() throws SQLException {
        assertThat(rows("SELECT SOURCE_TABLE, DETAIL FROM DEAD_LETTERS WHERE REASON = 'unknown-table'"
                + " ORDER BY SOURCE_TABLE")).containsExactly(
                "invoices|No route for table invoices: add <schema>.invoices to cdc.source.tables (CDC_SOURCE_TABLES)",
                INJECTION + "|No route for table " + INJECTION + ": add <schema>." + INJECTION + " to cdc.source.tables"
                        + " (CDC_SOURCE_TABLES)");
        assertThat(count("SELECT COUNT(*) FROM RAW_CHANGES")).as("RAW_CHANGES is still there").isPositive();
    }

    @Test
    void should_land_changes_with_added_and_retyped_columns() throws SQLException {
        assertThat(rows("SELECT AFTER->>'loyalty_tier' FROM RAW_CHANGES WHERE TABLE_NAME = 'customers'"
                + " AND (PRIMARY_KEY->>'customer_id') = '900001'")).containsExactly("gold");
        assertThat(rows("SELECT AFTER->>'amount', AFTER->>'status' FROM RAW_CHANGES WHERE TABLE_NAME = 'orders'"
                + " AND (PRIMARY_KEY->>'order_id') = '900001'")).containsExactly("12.345|A STATUS LONGER THAN BEFORE");
    }

    @Test
    void should_dead_letter_a_row_over_the_size_limit_with_a_summary_in_place_of_its_payload() throws SQLException {
        assertThat(rows("SELECT SOURCE_TABLE, PAYLOAD->>'truncated', (PAYLOAD->>'estimated_chars')::BIGINT > "
                + OVERSIZED_CHARS + ", PAYLOAD->>'OPERATION', LENGTH(DETAIL) > 0 FROM DEAD_LETTERS"
                + " WHERE REASON = 'rejected-row'")).containsExactly("customers|true|true|c|true");
        assertThat(count("SELECT COUNT(*) FROM RAW_CHANGES WHERE (PRIMARY_KEY->>'customer_id') = '900002'"))
                .isZero();
    }

    private static long landed(EmbeddedWarehouse running) throws SQLException {
        return Sql.number(running::openDuckDb, "SELECT COUNT(*) FROM RAW_CHANGES");
    }

    private static long deadLettered(EmbeddedWarehouse running) throws SQLException {
        return Sql.number(running::openDuckDb, "SELECT COUNT(*) FROM DEAD_LETTERS");
    }

    private long count(String sql) throws SQLException {
        return Sql.number(warehouse::getConnection, sql);
    }

    private List<String> rows(String sql) throws SQLException {
        return Sql.rows(warehouse::getConnection, sql);
    }
}
