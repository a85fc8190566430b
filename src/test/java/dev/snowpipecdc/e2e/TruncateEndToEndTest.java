package dev.snowpipecdc.e2e;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.source.debezium.Truncates;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.demo.WarehouseVerification;
import dev.snowpipecdc.monitoring.Meters;
import dev.snowpipecdc.support.LogCapture;
import dev.snowpipecdc.support.Sql;
import dev.snowpipecdc.warehouse.WarehouseSchema;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real TRUNCATE through PostgreSQL, Debezium and the pipeline: landed as operation t, it empties the current
 * state and closes the history at its commit time, in order with the changes around it; or, with
 * {@code cdc.source.truncate = ignore}, it is logged and counted, and the warehouse keeps the rows.
 */
class TruncateEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void should_empty_the_current_state_and_close_the_history_at_the_truncate() throws Exception {
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"))) {
            Main pipeline = DemoCommand.pipeline(source, dir.resolve("warehouse"));
            pipeline.start();
            try {
                DemoCommand.awaitStreaming(source);
                source.execute("INSERT INTO customers (customer_id, email, name) VALUES (1, 'a@x.com', 'Ann'),"
                        + " (2, 'b@x.com', 'Bo')");
                source.execute("INSERT INTO orders (order_id, customer_id, amount, status) VALUES (10, 1, 1.00, 'NEW'),"
                        + " (11, 2, 2.00, 'NEW')");
                source.execute("UPDATE orders SET status = 'PAID' WHERE order_id = 10");
                source.execute("TRUNCATE orders");
                source.execute("INSERT INTO orders (order_id, customer_id, amount, status) VALUES (12, 2, 3.00, 'NEW')");
                DataSource warehouse = pipeline.lookup(PipelineConfiguration.WAREHOUSE, DataSource.class);
                await().atMost(Duration.ofSeconds(60)).until(() -> Sql.number(warehouse::getConnection,
                        "SELECT COUNT(*) FROM RAW_CHANGES") == 7);

                WarehouseVerification.Outcome outcome = new WarehouseVerification(source.dataSource(), warehouse,
                        pipeline.lookup(PipelineConfiguration.WAREHOUSE_SCHEMA, WarehouseSchema.class).objects())
                        .verify(Duration.ofSeconds(90));

                assertThat(outcome.problems()).isEmpty();
                assertThat(outcome.passed()).isTrue();
                String truncatedAt = "(SELECT COMMITTED_AT FROM RAW_CHANGES WHERE OPERATION = 't')";
                assertThat(Sql.rows(warehouse::getConnection, "SELECT ORDER_ID, STATUS, IS_CURRENT, IS_DELETED,"
                        + " VALID_TO = " + truncatedAt + " FROM ORDERS_SCD ORDER BY ORDER_ID, VALID_FROM"))
                        .containsExactly(
                                "10|NEW|false|false|false",
                                "10|PAID|false|true|true",
                                "11|NEW|false|true|true",
                                "12|NEW|true|false|null");
                assertThat(Sql.rows(warehouse::getConnection, "SELECT ORDER_ID FROM ORDERS")).containsExactly("12");
                assertThat(Sql.rows(warehouse::getConnection, "SELECT TABLE_NAME, OPERATION, BEFORE, AFTER"
                        + " FROM RAW_CHANGES WHERE OPERATION = 't'")).containsExactly("orders|t|null|null");
                assertThat(meters(pipeline).counter(Meters.EVENTS, Meters.TABLE, "orders", Meters.OP, "t").count())
                        .isEqualTo(1);
                // a BEGIN and an END per transaction (5 here), which the offset tokens start afresh at
                assertThat(meters(pipeline).counter(Meters.SKIPPED, Meters.REASON, "transaction-marker").count())
                        .isEqualTo(10);
            } finally {
                pipeline.stop();
            }
        }
    }

    @Test
    void should_log_and_count_an_ignored_truncate_and_keep_the_rows() throws Exception {
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"));
             LogCapture log = new LogCapture(Truncates.class)) {
            Main pipeline = DemoCommand.pipeline(source, dir.resolve("warehouse"));
            pipeline.addOverrideProperty("cdc.source.truncate", "ignore");
            pipeline.start();
            try {
                DemoCommand.awaitStreaming(source);
                source.execute("INSERT INTO customers (customer_id, email, name) VALUES (1, 'a@x.com', 'Ann')");
                source.execute("TRUNCATE customers CASCADE");
                source.execute("INSERT INTO customers (customer_id, email, name) VALUES (2, 'b@x.com', 'Bo')");
                DataSource warehouse = pipeline.lookup(PipelineConfiguration.WAREHOUSE, DataSource.class);
                MeterRegistry meters = meters(pipeline);

                await().atMost(Duration.ofSeconds(60)).until(() -> Sql.number(warehouse::getConnection,
                        "SELECT COUNT(*) FROM RAW_CHANGES") == 2
                        && meters.counter(Meters.SKIPPED, Meters.REASON, "truncate").count() == 2);

                // customers and, by CASCADE, orders
                assertThat(log.lines()).hasSize(2).allSatisfy(line -> assertThat(line)
                        .startsWith("WARN Ignored the TRUNCATE of public.")
                        .endsWith("the warehouse keeps the table's rows (cdc.source.truncate = ignore)"));
                assertThat(Sql.rows(warehouse::getConnection, "SELECT OPERATION, AFTER:customer_id FROM RAW_CHANGES"
                        + " ORDER BY OFFSET_TOKEN")).containsExactly("c|1", "c|2");
            } finally {
                pipeline.stop();
            }
        }
    }

    private static MeterRegistry meters(Main pipeline) {
        return pipeline.getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
    }
}
