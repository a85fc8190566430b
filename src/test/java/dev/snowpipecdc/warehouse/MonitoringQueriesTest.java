package dev.snowpipecdc.warehouse;

import static dev.snowpipecdc.support.SourceLog.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import dev.snowpipecdc.support.SourceLog;
import dev.snowpipecdc.support.TableTasks;
import dev.snowpipecdc.support.ItemsTable;
import dev.snowpipecdc.support.Warehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitoring queries of sql/monitoring/: one row per stream, task or dynamic table. */
class MonitoringQueriesTest {

    @TempDir
    Path dir;

    Warehouse w;
    WarehouseObjects objects;

    @BeforeEach
    void setUp() throws SQLException {
        w = new Warehouse(dir, 1.0);
        objects = ItemsTable.apply(w, ItemsTable.ITEMS);
    }

    @AfterEach
    void tearDown() throws SQLException {
        w.close();
    }

    @Test
    void should_show_each_stream_with_data_until_the_tasks_consume_it() throws SQLException {
        SourceLog source = new SourceLog("public", "items", "id");
        source.transaction("2026-11-25T10:00:00Z").insert(row("id", 1, "name", "a", "price", "1", "note", null))
                .commit();
        w.sql(source.landingSql());

        assertThat(run("stream_lag")).extracting(r -> r.split("\\|")[0] + "|" + r.split("\\|")[1]).containsExactly(
                "RAW_CHANGES_ITEMS_STREAM|true", "STAGING_ITEMS_STREAM|false");
        new TableTasks(w, "ITEMS").run();
        assertThat(run("stream_lag")).extracting(r -> r.split("\\|")[1] + "|" + r.split("\\|")[3])
                .containsOnly("false|0");
    }

    @Test
    void should_sum_up_the_last_hour_of_runs_per_task() throws SQLException {
        TableTasks tasks = new TableTasks(w, "ITEMS");
        tasks.runOnce();
        SourceLog source = new SourceLog("public", "items", "id");
        source.transaction("2026-11-25T10:00:00Z").insert(row("id", 1, "name", "a", "price", "1", "note", null))
                .commit();
        w.sql(source.landingSql());
        tasks.run();

        assertThat(run("task_history ORDER BY TASK_NAME")).extracting(r -> r.substring(0, r.lastIndexOf('|')))
                .containsExactly("ITEMS_APPLY|1|1|0|0|SUCCEEDED|null", "ITEMS_PARSE|2|1|0|1|SUCCEEDED|null");
    }

    @Test
    void should_show_the_last_refresh_of_each_dynamic_table() throws SQLException {
        w.sql("CREATE DYNAMIC TABLE ITEM_COUNT TARGET_LAG = '1 minute' WAREHOUSE = COMPUTE_WH"
                + " AS SELECT COUNT(*) AS N FROM ITEMS", "ALTER DYNAMIC TABLE ITEM_COUNT REFRESH");

        assertThat(run("dynamic_table_refresh")).extracting(r -> String.join("|", List.of(r.split("\\|")).subList(0, 3)))
                .containsExactly("ITEM_COUNT|SUCCEEDED|null");
    }

    /** The rows of the named monitoring query, with text appended (e.g. an ORDER BY). */
    private List<String> run(String nameAndSuffix) throws SQLException {
        String name = nameAndSuffix.split(" ")[0];
        String suffix = nameAndSuffix.substring(name.length());
        NamedQuery query = objects.monitoring().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
        return w.query(query.sql() + suffix);
    }
}
