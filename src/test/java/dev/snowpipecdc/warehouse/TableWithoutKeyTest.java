package dev.snowpipecdc.warehouse;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import dev.snowpipecdc.support.ItemsTable;
import dev.snowpipecdc.support.SourceLog;
import dev.snowpipecdc.support.TableTasks;
import dev.snowpipecdc.support.Warehouse;
import dev.snowpipecdc.warehouse.tables.ColumnSpec;
import dev.snowpipecdc.warehouse.tables.TableSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.snowpipecdc.support.SourceLog.row;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table without a primary key (sql/templates/table_without_key.sql): its changes are typed into STAGING_<T>,
 * append-only, each once; no current state, no history, no quality checks.
 */
class TableWithoutKeyTest {

    static final TableSpec EVENTS = TableSpec.trackingAll("public", "events",
            List.of(ColumnSpec.of("id", "NUMBER(10,0)"), ColumnSpec.of("msg", "VARCHAR(20)")), List.of());

    @TempDir
    Path dir;
    Warehouse w;
    WarehouseObjects objects;
    TableTasks tasks;
    SourceLog source = new SourceLog("public", "events", "id");

    @BeforeEach
    void setUp() throws SQLException {
        w = new Warehouse(dir, 1.0);
        objects = ItemsTable.apply(w, EVENTS);
        tasks = TableTasks.withoutKey(w, "EVENTS");
    }

    @AfterEach
    void tearDown() throws SQLException {
        w.close();
    }

    @Test
    void should_type_every_change_once_into_the_append_only_table() throws SQLException {
        source.transaction("2026-11-25T10:01:00Z").insert(row("id", 1, "msg", "a"))
                .insert(row("id", 1, "msg", "a")).commit();
        source.transaction("2026-11-25T10:02:00Z").update(row("id", 1, "msg", "b")).commit();
        source.transaction("2026-11-25T10:03:00Z").deleteRow(row("id", 1, "msg", "b")).commit();
        source.transaction("2026-11-25T10:04:00Z").truncate()
                .insert(row("id", "two", "msg", "c")).commit();
        String landed = source.landingSql();
        w.sql(landed);
        tasks.run();
        w.sql(landed);
        tasks.run();

        assertThat(w.query("SELECT _OP, ID, MSG FROM STAGING_EVENTS ORDER BY _OFFSET_TOKEN")).as("each change once, the replay ignored")
                .containsExactly("c|1|a", "c|1|a", "u|1|b", "d|1|b", "t|null|null");
        assertThat(w.query("SELECT REASON, DETAIL FROM DEAD_LETTERS")).containsExactly(
                "type-mismatch|values that do not fit their columns in EVENTS: ID NUMBER(10,0)");
        assertThat(w.query("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME IN ('EVENTS',"
                + " 'EVENTS_SCD', 'EVENTS_APPLIED')")).containsExactly("0");
        assertThat(objects.quality()).isEmpty();
        assertThat(objects.monitoring().stream().filter(q -> q.name().equals("stream_lag")))
                .singleElement().satisfies(q -> assertThat(w.query(q.sql()))
                        .singleElement().asString().startsWith("RAW_CHANGES_EVENTS_STREAM|false|"));
    }

    @Test
    void should_build_current_state_and_history_from_everything_landed_once_a_key_is_set_as_documented()
            throws SQLException {
        source.transaction("2026-11-25T10:01:00Z").insert(row("id", 1, "msg", "a"))
                .insert(row("id", 2, "msg", "b")).commit();
        source.transaction("2026-11-25T10:02:00Z").truncate().commit();
        source.transaction("2026-11-25T10:03:00Z").insert(row("id", 3, "msg", "c")).commit();
        w.sql(source.landingSql());
        tasks.run();

        // docs/scd2.md, "Tables without a key": drop what the keyless template made, then the key
        w.sql("ALTER TASK EVENTS_PARSE SUSPEND", "DROP TASK EVENTS_PARSE", "DROP STREAM RAW_CHANGES_EVENTS_STREAM",
                "DROP TABLE STAGING_EVENTS");
        ItemsTable.apply(w, EVENTS.withKey(List.of("ID")));
        new TableTasks(w, "EVENTS").run();

        assertThat(w.query("SELECT ID, MSG FROM EVENTS ORDER BY ID")).containsExactly("3|c");
        assertThat(w.sql("ALTER SESSION SET TIMEZONE = 'UTC'", "SELECT ID, MSG, IS_CURRENT, IS_DELETED FROM EVENTS_SCD"
                + " ORDER BY ID")).containsExactly("1|a|false|true", "2|b|false|true", "3|c|true|false");
    }

    @Test
    void should_need_a_key_for_tracked_columns() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EVENTS.withTracked(List.of("MSG")))
                .hasMessageContaining("has no key, so nothing to track versions of: set cdc.tables.events.key");
    }
}
