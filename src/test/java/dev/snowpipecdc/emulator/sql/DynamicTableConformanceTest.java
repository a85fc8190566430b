package dev.snowpipecdc.emulator.sql;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

import dev.snowpipecdc.support.Warehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Dynamic tables as docs.snowflake.com/en/user-guide/dynamic-tables-target-lag describes them, on a warehouse
 * 60 times faster than written ('1 minute' of lag is one second): never staler than the lag, DOWNSTREAM tables
 * refreshed for the tables that read them, every refresh in DYNAMIC_TABLE_REFRESH_HISTORY.
 */
class DynamicTableConformanceTest {

    @TempDir
    Path dir;
    private Warehouse w;

    @BeforeEach
    void open() throws SQLException {
        w = new Warehouse(dir, 60);
        w.sql("CREATE TABLE orders (customer_id NUMBER, amount NUMBER(10,2))",
                "INSERT INTO orders VALUES (1, 10.00), (1, 5.50), (2, 7.00)");
    }

    @AfterEach
    void close() throws SQLException {
        w.close();
    }

    @Test
    void should_hold_the_query_result_from_creation_on() throws SQLException {
        w.sql("CREATE DYNAMIC TABLE totals TARGET_LAG = '1 minute' WAREHOUSE = compute_wh AS"
                + " SELECT customer_id, SUM(amount) AS total_spent FROM orders GROUP BY customer_id");

        assertThat(w.sql("SELECT customer_id, total_spent FROM totals ORDER BY 1")).containsExactly("1|15.50", "2|7.00");
        assertThat(w.sql("SELECT name, state, refresh_action, refresh_trigger, target_lag_sec FROM"
                + " TABLE(INFORMATION_SCHEMA.DYNAMIC_TABLE_REFRESH_HISTORY(NAME => 'totals'))"))
                .containsExactly("TOTALS|SUCCEEDED|REINITIALIZE|CREATION|60");
    }

    @Test
    void should_refuse_reads_before_the_first_refresh_when_initialized_on_schedule() throws SQLException {
        w.sql("CREATE DYNAMIC TABLE lazy TARGET_LAG = '1 day' WAREHOUSE = compute_wh INITIALIZE = ON_SCHEDULE AS"
                + " SELECT customer_id FROM orders");

        assertThatThrownBy(() -> w.sql("SELECT * FROM lazy")).hasMessageContaining("Dynamic table is not initialized");
        assertThat(w.sql("SELECT name, scheduling_state:state::STRING FROM"
                + " TABLE(INFORMATION_SCHEMA.DYNAMIC_TABLE_GRAPH_HISTORY())")).containsExactly("LAZY|RUNNING");

        w.sql("ALTER DYNAMIC TABLE lazy REFRESH", "ALTER DYNAMIC TABLE lazy SUSPEND");
        assertThat(w.sql("SELECT COUNT(*) FROM lazy")).containsExactly("3");
        assertThat(w.sql("SELECT scheduling_state:reason_code::STRING FROM"
                + " TABLE(INFORMATION_SCHEMA.DYNAMIC_TABLE_GRAPH_HISTORY())")).containsExactly("USER_SUSPENDED");
    }

    @Test
    void should_reflect_a_base_table_change_within_its_lag() throws SQLException {
        w.sql("CREATE DYNAMIC TABLE totals TARGET_LAG = '1 minute' WAREHOUSE = compute_wh AS"
                + " SELECT COUNT(*) AS orders FROM orders");
        w.sql("INSERT INTO orders VALUES (3, 1.00)");
        long changedAt = System.nanoTime();

        // the lag is one (scaled) second; allow for the scheduler's tick and a busy machine
        await().atMost(Duration.ofSeconds(5)).until(() -> w.query("SELECT orders FROM totals").equals(
                java.util.List.of("4")));
        assertThat(Duration.ofNanos(System.nanoTime() - changedAt)).isLessThan(Duration.ofSeconds(5));
        assertThat(w.query("SELECT COUNT(*) > 0 FROM TABLE(INFORMATION_SCHEMA.DYNAMIC_TABLE_REFRESH_HISTORY())"
                + " WHERE refresh_trigger = 'SCHEDULED' AND state = 'SUCCEEDED' AND data_timestamp IS NOT NULL"))
                .containsExactly("true");
    }

    @Test
    void should_refresh_a_downstream_table_before_the_table_that_reads_it() throws SQLException {
        w.sql("CREATE DYNAMIC TABLE per_customer TARGET_LAG = DOWNSTREAM WAREHOUSE = compute_wh AS"
                        + " SELECT customer_id, SUM(amount) AS total FROM orders GROUP BY customer_id",
                "CREATE DYNAMIC TABLE top_customer TARGET_LAG = '1 minute' WAREHOUSE = compute_wh AS"
                        + " SELECT customer_id FROM per_customer QUALIFY ROW_NUMBER() OVER (ORDER BY total DESC) = 1");
        assertThat(w.sql("SELECT customer_id FROM top_customer")).containsExactly("1");

        w.sql("INSERT INTO orders VALUES (2, 100.00)");

        await().atMost(Duration.ofSeconds(5)).until(() -> w.query("SELECT customer_id FROM top_customer")
                .equals(java.util.List.of("2")));
    }

    @Test
    void should_name_columns_suspend_resume_change_lag_and_drop() throws SQLException {
        w.sql("CREATE DYNAMIC TABLE totals (customer, spent) TARGET_LAG = '1 day' WAREHOUSE = compute_wh AS"
                + " SELECT customer_id, SUM(amount) FROM orders GROUP BY 1");
        assertThat(w.sql("SELECT customer, spent FROM totals ORDER BY 1")).containsExactly("1|15.50", "2|7.00");

        w.sql("ALTER DYNAMIC TABLE totals SUSPEND", "ALTER DYNAMIC TABLE totals SET TARGET_LAG = '2 minutes'");
        assertThat(w.sql("SHOW DYNAMIC TABLES", "SELECT \"target_lag\", \"scheduling_state\""
                + " FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))")).containsExactly("2 minutes|SUSPENDED");
        w.sql("ALTER DYNAMIC TABLE totals RESUME", "DROP DYNAMIC TABLE totals");
        assertThat(w.sql("SHOW DYNAMIC TABLES")).isEmpty();
        assertThat(w.sql("SHOW TABLES LIKE 'TOTALS'")).isEmpty();
    }

    @Test
    void should_read_names_in_its_own_schema_whoever_refreshes_it() throws SQLException {
        w.sql("CREATE SCHEMA other", "CREATE TABLE other.orders (customer_id NUMBER, amount NUMBER(10,2))",
                "CREATE DYNAMIC TABLE n_orders TARGET_LAG = '1 day' WAREHOUSE = compute_wh AS SELECT COUNT(*) AS n"
                        + " FROM orders", "USE SCHEMA other", "ALTER DYNAMIC TABLE public.n_orders REFRESH");

        assertThat(w.sql("SELECT n FROM public.n_orders")).containsExactly("3");
    }

    @Test
    void should_refresh_on_demand_and_show_its_state() throws SQLException {
        w.sql("CREATE DYNAMIC TABLE totals TARGET_LAG = '1 day' WAREHOUSE = compute_wh AS SELECT COUNT(*) AS n FROM orders",
                "INSERT INTO orders VALUES (3, 1.00)");
        assertThat(w.sql("SELECT n FROM totals")).as("a day of lag: not refreshed yet").containsExactly("3");

        w.sql("ALTER DYNAMIC TABLE totals REFRESH");

        assertThat(w.sql("SELECT n FROM totals")).containsExactly("4");
        assertThat(w.sql("SELECT refresh_trigger FROM TABLE(INFORMATION_SCHEMA.DYNAMIC_TABLE_REFRESH_HISTORY())"
                + " ORDER BY refresh_start_time")).containsExactly("CREATION", "MANUAL");
        assertThat(w.sql("SHOW DYNAMIC TABLES", "SELECT \"name\", \"target_lag\", \"refresh_mode\", \"scheduling_state\","
                + " \"text\" FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))"))
                .containsExactly("TOTALS|1 day|INCREMENTAL|RUNNING|SELECT COUNT(*) AS n FROM orders");
    }

    @Test
    void should_create_an_empty_table_on_schedule_whatever_the_query_ends_with() throws SQLException {
        w.sql("CREATE DYNAMIC TABLE top_orders TARGET_LAG = '1 day' WAREHOUSE = compute_wh INITIALIZE = ON_SCHEDULE AS"
                + " SELECT customer_id FROM orders ORDER BY amount DESC LIMIT 2 -- the two largest",
                "ALTER DYNAMIC TABLE top_orders REFRESH");

        assertThat(w.sql("SELECT customer_id FROM top_orders ORDER BY 1")).containsExactly("1", "2");
    }
}
