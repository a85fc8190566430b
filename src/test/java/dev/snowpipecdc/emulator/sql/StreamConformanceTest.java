package dev.snowpipecdc.emulator.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.snowpipecdc.support.Warehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Streams as docs.snowflake.com/en/user-guide/streams-intro describes them: net changes since the offset with
 * METADATA$ACTION / ISUPDATE / ROW_ID, consumed only by a committed DML statement.
 */
class StreamConformanceTest {

    @TempDir
    Path dir;
    private Warehouse w;

    @BeforeEach
    void open() throws SQLException {
        w = new Warehouse(dir, 1);
        w.sql("CREATE TABLE customers (id NUMBER PRIMARY KEY, email VARCHAR)",
                "INSERT INTO customers VALUES (1, 'a@x'), (2, 'b@x')",
                "CREATE STREAM customers_stream ON TABLE customers",
                "CREATE TABLE sink (id NUMBER, email VARCHAR, action VARCHAR, is_update BOOLEAN)");
    }

    @AfterEach
    void close() throws SQLException {
        w.close();
    }

    @Test
    void should_show_net_changes_since_the_offset_with_metadata() throws SQLException {
        w.sql("INSERT INTO customers VALUES (3, 'c@x')", "UPDATE customers SET email = 'a2@x' WHERE id = 1",
                "DELETE FROM customers WHERE id = 2",
                // inserted and deleted between offset and now: not a net change
                "INSERT INTO customers VALUES (4, 'd@x')", "DELETE FROM customers WHERE id = 4");

        assertThat(w.sql("SELECT id, email, METADATA$ACTION, METADATA$ISUPDATE FROM customers_stream"
                + " ORDER BY id, METADATA$ACTION")).containsExactly(
                "1|a@x|DELETE|true", "1|a2@x|INSERT|true", "2|b@x|DELETE|false", "3|c@x|INSERT|false");
        assertThat(w.sql("SELECT COUNT(DISTINCT METADATA$ROW_ID) FROM customers_stream")).as("one row id per key")
                .containsExactly("3");
    }

    @Test
    void should_not_consume_on_select_and_consume_on_committed_dml() throws SQLException {
        w.sql("INSERT INTO customers VALUES (3, 'c@x')");
        assertThat(w.sql("SELECT SYSTEM$STREAM_HAS_DATA('customers_stream')")).containsExactly("true");

        w.sql("SELECT * FROM customers_stream");
        assertThat(w.sql("SELECT COUNT(*) FROM customers_stream")).as("a SELECT does not consume").containsExactly("1");

        w.sql("INSERT INTO sink SELECT id, email, METADATA$ACTION, METADATA$ISUPDATE FROM customers_stream");
        assertThat(w.sql("SELECT COUNT(*) FROM customers_stream")).containsExactly("0");
        assertThat(w.sql("SELECT SYSTEM$STREAM_HAS_DATA('customers_stream')")).containsExactly("false");
        assertThat(w.sql("SELECT id, action FROM sink")).containsExactly("3|INSERT");
    }

    @Test
    void should_keep_the_offset_when_the_consuming_transaction_rolls_back_or_fails() throws SQLException {
        w.sql("INSERT INTO customers VALUES (3, 'c@x')");

        w.sql("BEGIN", "INSERT INTO sink SELECT id, email, METADATA$ACTION, METADATA$ISUPDATE FROM customers_stream",
                "ROLLBACK");
        assertThat(w.sql("SELECT COUNT(*) FROM customers_stream")).containsExactly("1");

        assertThatThrownBy(() -> w.sql("INSERT INTO sink SELECT id, email, METADATA$ACTION, 'not a boolean'"
                + " FROM customers_stream")).isInstanceOf(SQLException.class);
        assertThat(w.sql("SELECT COUNT(*) FROM customers_stream")).containsExactly("1");
        assertThat(w.sql("SELECT COUNT(*) FROM sink")).containsExactly("0");
    }

    @Test
    void should_show_the_same_rows_to_every_statement_of_a_transaction() throws SQLException {
        w.sql("INSERT INTO customers VALUES (3, 'c@x')");

        w.sql("BEGIN",
                "INSERT INTO sink SELECT id, email, 'first', FALSE FROM customers_stream",
                // a change made inside the transaction does not add to what the stream already showed
                "INSERT INTO customers VALUES (4, 'd@x')",
                "INSERT INTO sink SELECT id, email, 'second', FALSE FROM customers_stream",
                "COMMIT");

        assertThat(w.sql("SELECT id, action FROM sink ORDER BY action")).containsExactly("3|first", "3|second");
        assertThat(w.sql("SELECT id FROM customers_stream")).as("the offset moved to what was read")
                .containsExactly("4");
    }

    @Test
    void should_show_only_inserted_rows_in_an_append_only_stream() throws SQLException {
        w.sql("CREATE STREAM appends ON TABLE customers APPEND_ONLY = TRUE",
                "INSERT INTO customers VALUES (3, 'c@x')", "DELETE FROM customers WHERE id = 1",
                "UPDATE customers SET email = 'b2@x' WHERE id = 2");

        // the update of row 2 is not an insert: an append-only stream ignores it (docs.snowflake.com/en/user-guide/
        // streams-examples, "standard vs. append-only"; an earlier emulator showed the new values as an INSERT)
        assertThat(w.sql("SELECT id, email, METADATA$ACTION, METADATA$ISUPDATE FROM appends ORDER BY id"))
                .containsExactly("3|c@x|INSERT|false");
    }

    @Test
    void should_not_show_a_transaction_its_own_changes() throws SQLException {
        w.sql("INSERT INTO customers VALUES (3, 'c@x')");

        // the change interval ends where the transaction began: its own inserts and updates are not in it
        assertThat(w.sql("BEGIN", "INSERT INTO customers VALUES (4, 'd@x')", "SELECT id FROM customers_stream"))
                .containsExactly("3");
        assertThat(w.sql("UPDATE customers SET email = 'a2@x' WHERE id = 1", "SELECT id FROM customers_stream"))
                .as("the rows read first stay the transaction's").containsExactly("3");
        w.sql("COMMIT");
        assertThat(w.sql("SELECT id, METADATA$ACTION, METADATA$ISUPDATE FROM customers_stream ORDER BY id, 2"))
                .containsExactly("1|DELETE|true", "1|INSERT|true", "3|INSERT|false", "4|INSERT|false");

        assertThat(w.sql("BEGIN", "UPDATE customers SET email = 'b2@x' WHERE id = 2",
                "INSERT INTO customers VALUES (5, 'e@x')", "SELECT COUNT(*) FROM customers_stream"))
                .as("an update first: the rows are taken before it").containsExactly("4");
        w.sql("ROLLBACK");
    }

    @Test
    void should_keep_rows_inserted_then_deleted_or_truncated_in_an_append_only_stream() throws SQLException {
        w.sql("CREATE STREAM appends ON TABLE customers APPEND_ONLY = TRUE",
                "INSERT INTO customers VALUES (3, 'c@x'), (4, 'd@x')", "DELETE FROM customers WHERE id IN (1, 3)");
        // a delete that rolls back logs nothing
        w.sql("BEGIN", "DELETE FROM customers WHERE id = 4", "ROLLBACK");

        assertThat(w.sql("SELECT id, METADATA$ACTION FROM appends ORDER BY id"))
                .as("3 was inserted since the offset: deleted, it stays; 1 was there before")
                .containsExactly("3|INSERT", "4|INSERT");

        w.sql("TRUNCATE TABLE customers");
        assertThat(w.sql("SELECT id FROM appends ORDER BY id")).as("truncates are not recorded either")
                .containsExactly("3", "4");
        assertThat(w.sql("SELECT SYSTEM$STREAM_HAS_DATA('appends')")).containsExactly("true");

        w.sql("INSERT INTO sink (id) SELECT id FROM appends");
        assertThat(w.sql("SELECT COUNT(*) FROM appends")).as("consumed: the log is emptied").containsExactly("0");
        w.sql("INSERT INTO customers VALUES (5, 'e@x')", "DELETE FROM customers");
        assertThat(w.sql("SELECT id FROM appends")).containsExactly("5");
    }

    @Test
    void should_start_with_the_existing_rows_when_asked_and_drop_cleanly() throws SQLException {
        w.sql("CREATE STREAM everything ON TABLE customers SHOW_INITIAL_ROWS = TRUE");
        assertThat(w.sql("SELECT id FROM everything ORDER BY id")).containsExactly("1", "2");

        w.sql("DROP STREAM everything");
        assertThatThrownBy(() -> w.sql("SELECT * FROM everything")).hasMessageContaining("EVERYTHING");
        assertThat(w.sql("DROP STREAM IF EXISTS everything").get(0)).contains("already dropped");
    }

    @Test
    void should_keep_offsets_across_a_restart() throws SQLException {
        w.sql("INSERT INTO customers VALUES (3, 'c@x')",
                "INSERT INTO sink SELECT id, email, METADATA$ACTION, METADATA$ISUPDATE FROM customers_stream",
                "INSERT INTO customers VALUES (4, 'd@x')");
        w.restart();

        assertThat(w.sql("SELECT id FROM customers_stream")).containsExactly("4");
    }

    @Test
    void should_report_streams_and_their_offset_time() throws SQLException {
        assertThat(w.sql("SHOW STREAMS")).hasSize(1);
        assertThat(w.sql("SELECT \"name\", \"table_name\", \"mode\", \"stale\" FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))"))
                .containsExactly("CUSTOMERS_STREAM|TESTDB.PUBLIC.CUSTOMERS|DEFAULT|false");
        // nanoseconds since the epoch, as Snowflake returns them
        assertThat(w.sql("SELECT ABS(SYSTEM$STREAM_GET_TABLE_TIMESTAMP('customers_stream') / 1e9"
                + " - epoch(current_timestamp)) < 60")).containsExactly("true");
    }

    @Test
    void should_refuse_dml_on_a_stream_and_views_over_it() throws SQLException {
        w.sql("INSERT INTO customers VALUES (3, 'c@x')");

        assertThatThrownBy(() -> w.sql("DELETE FROM customers_stream WHERE id = 3")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> w.sql("CREATE VIEW v AS SELECT * FROM customers_stream"))
                .hasMessageContaining("not in views");
        assertThat(w.sql("SELECT COUNT(*) FROM customers_stream")).containsExactly("1");
    }

    @Test
    void should_let_a_cte_of_the_same_name_shadow_the_stream() throws SQLException {
        w.sql("INSERT INTO customers VALUES (3, 'c@x')");

        assertThat(w.sql("WITH customers_stream AS (SELECT 42 AS id) SELECT id FROM customers_stream"))
                .containsExactly("42");
        w.sql("INSERT INTO sink (id) WITH customers_stream AS (SELECT 42 AS id) SELECT id FROM customers_stream");
        assertThat(w.sql("SELECT COUNT(*) FROM customers_stream")).as("not consumed").containsExactly("1");
    }

    @Test
    void should_not_let_a_prepared_statement_read_a_stream() throws SQLException {
        try (Connection c = w.newSession()) {
            assertThatThrownBy(() -> c.prepareStatement("SELECT * FROM customers_stream"))
                    .hasMessageContaining("read through a prepared statement");
            assertThatThrownBy(() -> c.prepareStatement("SELECT SYSTEM$STREAM_HAS_DATA('customers_stream')"))
                    .hasMessageContaining("in a prepared statement");
        }
    }

    @Test
    void should_see_a_column_added_after_the_stream_was_created() throws SQLException {
        w.sql("ALTER TABLE customers ADD COLUMN tier VARCHAR", "INSERT INTO customers VALUES (3, 'c@x', 'gold')");

        assertThat(w.sql("SELECT id, tier, METADATA$ACTION FROM customers_stream")).containsExactly("3|gold|INSERT");
        try (Connection c = w.newSession(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE tiers AS SELECT id, tier FROM customers_stream");
        }
        assertThat(w.sql("SELECT COUNT(*) FROM customers_stream")).as("CREATE TABLE AS consumes too")
                .containsExactly("0");
    }

    @Test
    void should_log_only_deleted_rows_and_recover_from_a_failed_delete() throws SQLException {
        w.sql("CREATE STREAM appends ON TABLE customers APPEND_ONLY = TRUE", "INSERT INTO customers VALUES (3, 'c@x')",
                "MERGE INTO customers c USING (SELECT 3 AS id) s ON c.id = s.id"
                        + " WHEN MATCHED THEN UPDATE SET email = 'c2@x'");
        assertThatThrownBy(() -> w.sql("DELETE FROM customers WHERE email::INT = 1")).isInstanceOf(SQLException.class);

        assertThat(w.sql("SELECT id, email FROM appends")).as("the session goes on after the failed statement;"
                + " an inserted row that was updated shows once, as it is").containsExactly("3|c2@x");
        w.sql("ALTER TABLE customers ADD COLUMN phone VARCHAR", "INSERT INTO customers VALUES (4, 'd@x', '555')",
                "DELETE FROM customers WHERE id >= 3");
        assertThat(w.sql("SELECT id, email, phone FROM appends ORDER BY id"))
                .as("the log takes the column the table gained").containsExactly("3|c2@x|null", "4|d@x|555");
    }
}
