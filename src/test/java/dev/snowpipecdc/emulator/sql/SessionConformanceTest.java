package dev.snowpipecdc.emulator.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.snowpipecdc.support.Warehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sessions like Snowflake's: databases, schemas, USE, session parameters, SHOW, RESULT_SCAN, transactions. */
class SessionConformanceTest {

    @TempDir
    Path dir;
    private Warehouse w;

    @BeforeEach
    void open() throws SQLException {
        w = new Warehouse(dir, 1);
    }

    @AfterEach
    void close() throws SQLException {
        w.close();
    }

    @Test
    void should_create_databases_and_schemas_and_reach_objects_by_qualified_name() throws SQLException {
        w.sql("CREATE DATABASE analytics", "CREATE SCHEMA analytics.marts",
                "CREATE TABLE analytics.marts.facts (id NUMBER)", "INSERT INTO analytics.marts.facts VALUES (1)");

        assertThat(w.sql("SELECT CURRENT_DATABASE(), CURRENT_SCHEMA()")).containsExactly("ANALYTICS|PUBLIC");
        assertThat(w.sql("USE SCHEMA marts", "SELECT COUNT(*) FROM facts")).containsExactly("1");
        assertThat(w.sql("USE DATABASE testdb", "SELECT COUNT(*) FROM analytics.marts.facts")).containsExactly("1");
        assertThat(w.sql("SELECT CURRENT_DATABASE(), CURRENT_SCHEMA()")).containsExactly("TESTDB|PUBLIC");
        assertThatThrownBy(() -> w.sql("USE DATABASE nowhere")).hasMessageContaining("database NOWHERE");
    }

    @Test
    void should_keep_new_databases_across_a_restart() throws SQLException {
        w.sql("CREATE DATABASE kept", "CREATE TABLE kept.public.t (id NUMBER)", "INSERT INTO kept.public.t VALUES (5)");
        w.restart();

        assertThat(w.sql("SELECT id FROM kept.public.t")).containsExactly("5");
    }

    @Test
    void should_use_los_angeles_as_the_default_time_zone_and_change_it_per_session() throws SQLException {
        String utcMidnight = "SELECT TO_VARCHAR('2026-01-01 00:00:00+00:00'::TIMESTAMP_LTZ)";
        assertThat(w.sql(utcMidnight)).containsExactly("2025-12-31 16:00:00-08");

        assertThat(w.sql("ALTER SESSION SET TIMEZONE = 'UTC'", utcMidnight)).containsExactly("2026-01-01 00:00:00+00");
        assertThat(w.query(utcMidnight)).as("another session keeps the default").containsExactly("2025-12-31 16:00:00-08");
    }

    @Test
    void should_map_timestamp_to_the_type_the_session_asks_for() throws SQLException {
        w.sql("CREATE TABLE a (t TIMESTAMP)", "ALTER SESSION SET TIMESTAMP_TYPE_MAPPING = TIMESTAMP_LTZ",
                "CREATE TABLE b (t TIMESTAMP)");

        assertThat(w.sql("SELECT table_name, data_type FROM information_schema.columns WHERE table_name IN ('A', 'B')"
                + " ORDER BY 1")).containsExactly("A|TIMESTAMP_NTZ", "B|TIMESTAMP_LTZ");
    }

    @Test
    void should_answer_information_schema_through_a_prepared_statement_with_bind_parameters() throws SQLException {
        w.sql("CREATE TABLE events (id NUMBER(10,0) NOT NULL, name VARCHAR)");

        try (Connection c = w.newSession(); PreparedStatement st = c.prepareStatement("SELECT column_name, data_type,"
                + " numeric_precision, is_nullable FROM testdb.information_schema.columns WHERE table_schema = ?"
                + " AND table_name = ? ORDER BY ordinal_position")) {
            st.setString(1, "PUBLIC");
            st.setString(2, "EVENTS");
            try (ResultSet rs = st.executeQuery()) {
                assertThat(Warehouse.rows(rs)).containsExactly("ID|NUMBER|10|NO", "NAME|TEXT|null|YES");
            }
        }
    }

    @Test
    void should_show_tables_with_snowflake_columns_and_scan_the_result() throws SQLException {
        w.sql("CREATE TABLE orders (id NUMBER)", "CREATE TABLE customers (id NUMBER)");

        assertThat(w.sql("SHOW TABLES LIKE 'ORD%'")).hasSize(1);
        assertThat(w.sql("SELECT \"name\", \"database_name\", \"schema_name\", \"kind\""
                + " FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))")).containsExactly("ORDERS|TESTDB|PUBLIC|TABLE");
        assertThat(w.sql("SHOW TABLES")).hasSize(2);
    }

    @Test
    void should_show_schemas_and_databases() throws SQLException {
        w.sql("CREATE SCHEMA staging");

        assertThat(w.sql("SHOW SCHEMAS", "SELECT \"name\" FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))"))
                .containsExactly("PUBLIC", "STAGING");
        assertThat(w.sql("SHOW DATABASES LIKE 'test%'")).hasSize(1);
    }

    @Test
    void should_commit_and_roll_back_explicit_transactions() throws SQLException {
        w.sql("CREATE TABLE t (id NUMBER)");
        w.sql("BEGIN", "INSERT INTO t VALUES (1)", "ROLLBACK");
        w.sql("BEGIN TRANSACTION", "INSERT INTO t VALUES (2)", "INSERT INTO t VALUES (3)", "COMMIT");

        assertThat(w.sql("SELECT id FROM t ORDER BY id")).containsExactly("2", "3");
    }

    @Test
    void should_refuse_to_commit_a_transaction_in_which_a_statement_failed() throws SQLException {
        w.sql("CREATE TABLE t (id NUMBER)", "BEGIN", "INSERT INTO t VALUES (1)");
        assertThatThrownBy(() -> w.sql("INSERT INTO t VALUES ('not a number')")).isInstanceOf(SQLException.class);

        assertThatThrownBy(() -> w.sql("COMMIT")).hasMessageContaining("rolled back, not committed");
        assertThat(w.sql("SELECT COUNT(*) FROM t")).containsExactly("0");
    }

    /** docs.snowflake.com/en/sql-reference/transactions: DDL commits the open transaction */
    @Test
    void should_commit_the_open_transaction_before_ddl() throws SQLException {
        w.sql("CREATE TABLE t (id NUMBER)", "BEGIN", "INSERT INTO t VALUES (1)", "CREATE TABLE u (id NUMBER)",
                "ROLLBACK");

        assertThat(w.sql("SELECT COUNT(*) FROM t")).containsExactly("1");
        assertThat(w.sql("SELECT COUNT(*) FROM u")).containsExactly("0");
    }

    @Test
    void should_commit_through_jdbc_when_autocommit_is_off() throws SQLException {
        w.sql("CREATE TABLE t (id NUMBER)");
        try (Connection c = w.newSession(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("INSERT INTO t VALUES (1)");
            assertThat(w.query("SELECT COUNT(*) FROM t")).as("not visible before commit").containsExactly("0");
            c.commit();
            st.execute("INSERT INTO t VALUES (2)");
            c.rollback();
            // a COMMIT statement ends the transaction, and the next one starts at once: autocommit stays off
            st.execute("INSERT INTO t VALUES (3)");
            st.execute("COMMIT");
            st.execute("INSERT INTO t VALUES (4)");
            c.rollback();
        }
        assertThat(w.query("SELECT id FROM t ORDER BY id")).containsExactly("1", "3");
    }

    @Test
    void should_keep_sequences_apart_per_schema_and_restart_them_with_the_table() throws SQLException {
        w.sql("CREATE SCHEMA other", "CREATE TABLE t (id NUMBER AUTOINCREMENT, v VARCHAR)",
                "CREATE TABLE other.t (id NUMBER AUTOINCREMENT, v VARCHAR)",
                "INSERT INTO t (v) VALUES ('a')", "INSERT INTO other.t (v) VALUES ('b')", "USE SCHEMA other",
                "INSERT INTO public.t (v) VALUES ('c')");

        assertThat(w.sql("SELECT id, v FROM public.t ORDER BY id")).containsExactly("1|a", "2|c");
        assertThat(w.sql("SELECT id, v FROM other.t")).containsExactly("1|b");
        w.sql("CREATE OR REPLACE TABLE other.t (id NUMBER AUTOINCREMENT, v VARCHAR)", "INSERT INTO other.t (v) VALUES ('d')");
        assertThat(w.sql("SELECT id FROM other.t")).containsExactly("1");
    }

    @Test
    void should_wait_with_system_wait() throws SQLException {
        long start = System.nanoTime();
        assertThat(w.sql("SELECT SYSTEM$WAIT(200, 'MILLISECONDS')")).containsExactly("waited 200 milliseconds");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(200_000_000L);
    }

    @Test
    void should_accept_warehouse_and_role_statements_that_mean_nothing_here() throws SQLException {
        assertThat(w.sql("CREATE WAREHOUSE IF NOT EXISTS compute_wh", "USE WAREHOUSE compute_wh", "USE ROLE sysadmin"))
                .containsExactly("Statement executed successfully.");
    }

    @Test
    void should_run_flows_again_and_leave_column_references_alone() throws SQLException {
        w.sql("CREATE TABLE orders (id NUMBER)", "CREATE TABLE customers (id NUMBER)");
        for (int run = 0; run < 3; run++) {
            assertThat(w.sql("SHOW TABLES ->> SHOW SCHEMAS ->> SELECT COUNT(*) FROM $1, $2")).containsExactly("2");
        }
        assertThat(w.sql("SELECT $1 FROM VALUES (7) ->> SELECT * FROM $1")).containsExactly("7");
    }
}
