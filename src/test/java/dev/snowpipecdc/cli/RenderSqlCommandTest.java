package dev.snowpipecdc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** render-sql: what the pipeline would apply, as one script that another tool (here: the sql verb) can run. */
class RenderSqlCommandTest {

    /** The demo's tables, described in configuration so that no source database is needed. */
    static final Map<String, String> SETTINGS = Map.of(
            "cdc.source.tables", "public.customers,public.orders",
            "cdc.tables.customers.columns", "customer_id NUMBER(10,0), email VARCHAR(255), name VARCHAR(255),"
                    + " created_at TIMESTAMP_NTZ, updated_at TIMESTAMP_NTZ",
            "cdc.tables.customers.key", "customer_id",
            "cdc.tables.customers.tracked", "email,name",
            "cdc.tables.orders.columns", "order_id NUMBER(10,0), customer_id NUMBER(10,0), amount NUMBER(10,2),"
                    + " status VARCHAR(50), created_at TIMESTAMP_NTZ, updated_at TIMESTAMP_NTZ",
            "cdc.tables.orders.key", "order_id",
            "cdc.warehouse.task-schedule", "5 MINUTE");

    @TempDir
    Path dir;

    @Test
    void should_print_scripts_in_apply_order_that_apply_cleanly_on_the_embedded_warehouse() throws Exception {
        String rendered = render();

        assertThat(rendered.lines().filter(l -> l.startsWith("-- ==== ")).map(l -> l.substring(8, l.indexOf(" (")))
                .toList()).containsExactly("V001__landing.sql", "R__table_CUSTOMERS", "R__table_ORDERS",
                "R__customer_metrics.sql");
        assertThat(rendered).contains("SCHEDULE = '5 MINUTE'")
                .contains("CREATE OR REPLACE DYNAMIC TABLE CUSTOMER_METRICS")
                .contains("LAG(c.EMAIL) OVER (PARTITION BY c.CUSTOMER_ID ORDER BY c._POS) AS _PREV_EMAIL")
                .contains("NOT (EQUAL_NULL(EMAIL, _PREV_EMAIL) AND EQUAL_NULL(NAME, _PREV_NAME))")
                .doesNotContain("{{");

        Path script = Files.writeString(dir.resolve("objects.sql"), rendered + "\nSHOW TASKS;");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SqlCommand.run(List.of("--data-dir", dir.resolve("wh").toString(), "--file", script.toString(),
                "--format", "csv"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("CUSTOMERS_PARSE", "CUSTOMERS_APPLY",
                "ORDERS_PARSE", "ORDERS_APPLY");
    }

    @Test
    void should_print_the_quality_and_monitoring_queries_per_table_where_they_are_per_table() throws Exception {
        String rendered = render("--queries");

        assertThat(rendered.lines().filter(l -> l.startsWith("-- ==== ")).toList()).containsExactly(
                "-- ==== quality: current_matches_history[CUSTOMERS]", "-- ==== quality: current_matches_history[ORDERS]",
                "-- ==== quality: scd_current_duplicates[CUSTOMERS]", "-- ==== quality: scd_current_duplicates[ORDERS]",
                "-- ==== quality: scd_gaps_and_overlaps[CUSTOMERS]", "-- ==== quality: scd_gaps_and_overlaps[ORDERS]",
                "-- ==== monitoring: dynamic_table_refresh", "-- ==== monitoring: stream_lag[CUSTOMERS]",
                "-- ==== monitoring: stream_lag[ORDERS]", "-- ==== monitoring: task_history",
                "-- ==== monitoring: task_runs");
    }

    private String render(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = RenderSqlCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), SETTINGS);
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
