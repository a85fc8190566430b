package dev.snowpipecdc.warehouse;

import static dev.snowpipecdc.support.ItemsTable.ITEMS;
import static dev.snowpipecdc.support.SourceLog.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

/**
 * The per-table objects of sql/templates/table.sql on the embedded warehouse, change by change: what lands in
 * RAW_CHANGES, what ITEMS (the current state) and ITEMS_SCD (the history) must hold after the tasks ran, computed
 * by hand. ITEMS (support/ItemsTable) tracks NAME and PRICE; NOTE changes no version.
 */
class ScdScenarioTest {

    static final String T1 = "2026-11-25T10:01:00Z";
    static final String T2 = "2026-11-25T10:02:00Z";
    static final String T3 = "2026-11-25T10:03:00Z";
    static final String T4 = "2026-11-25T10:04:00Z";

    @TempDir
    Path dir;

    Warehouse w;
    WarehouseObjects objects;
    TableTasks tasks;
    SourceLog source = new SourceLog("public", "items", "id");

    @BeforeEach
    void setUp() throws SQLException {
        w = new Warehouse(dir, 1.0);
        objects = ItemsTable.apply(w, ITEMS);
        tasks = new TableTasks(w, "ITEMS");
    }

    @AfterEach
    void tearDown() throws SQLException {
        w.close();
    }

    @Test
    void should_open_a_version_and_a_current_row_on_insert() throws SQLException {
        source.transaction(T1).insert(row("id", 1, "name", "apple", "price", "1.50", "note", "n")).commit();
        land();
        tasks.run();

        assertThat(current()).containsExactly("1|apple|1.50|n|T1");
        assertThat(history()).containsExactly("1|apple|1.50|T1|null|true|false");
        assertNoViolations();
    }

    @Test
    void should_open_versions_for_snapshot_reads_and_creates_alike() throws SQLException {
        source.snapshot(T1).insert(row("id", 1, "name", "apple", "price", "1.50", "note", null))
                .insert(row("id", 2, "name", "pear", "price", "2.00", "note", null)).commit();
        source.transaction(T2).insert(row("id", 3, "name", "plum", "price", "0.75", "note", null)).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly(
                "1|apple|1.50|T1|null|true|false",
                "2|pear|2.00|T1|null|true|false",
                "3|plum|0.75|T2|null|true|false");
        assertThat(current()).containsExactly("1|apple|1.50|null|T1", "2|pear|2.00|null|T1", "3|plum|0.75|null|T2");
    }

    @Test
    void should_close_the_version_and_open_the_next_on_a_tracked_update() throws SQLException {
        insertApple();
        source.transaction(T2).update(row("id", 1, "name", "apple", "price", "1.75", "note", "n")).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly(
                "1|apple|1.50|T1|T2|false|false",
                "1|apple|1.75|T2|null|true|false");
        assertThat(current()).containsExactly("1|apple|1.75|n|T2");
        assertNoViolations();
    }

    @Test
    void should_change_the_current_row_but_add_no_version_on_an_untracked_update() throws SQLException {
        insertApple();
        source.transaction(T2).update(row("id", 1, "name", "apple", "price", "1.50", "note", "changed")).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly("1|apple|1.50|T1|null|true|false");
        assertThat(current()).containsExactly("1|apple|1.50|changed|T2");
        assertNoViolations();
    }

    @Test
    void should_add_no_version_for_an_update_that_changes_nothing() throws SQLException {
        insertApple();
        source.transaction(T2).update(row("id", 1, "name", "apple", "price", "1.50", "note", "n")).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly("1|apple|1.50|T1|null|true|false");
        assertThat(current()).containsExactly("1|apple|1.50|n|T2");
    }

    @Test
    void should_close_the_version_and_mark_it_deleted_on_delete() throws SQLException {
        insertApple();
        source.transaction(T2).delete(1).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly("1|apple|1.50|T1|T2|false|true");
        assertThat(current()).isEmpty();
        assertNoViolations();
    }

    @Test
    void should_open_a_new_version_on_reinsert_after_delete() throws SQLException {
        insertApple();
        source.transaction(T2).delete(1).commit();
        land();
        tasks.run();
        source.transaction(T3).insert(row("id", 1, "name", "apple", "price", "1.50", "note", "back")).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly(
                "1|apple|1.50|T1|T2|false|true",
                "1|apple|1.50|T3|null|true|false");
        assertThat(current()).containsExactly("1|apple|1.50|back|T3");
        assertNoViolations();
    }

    @Test
    void should_close_and_reopen_for_a_delete_and_reinsert_in_one_task_run() throws SQLException {
        insertApple();
        source.transaction(T2).delete(1).commit();
        source.transaction(T3).insert(row("id", 1, "name", "apple", "price", "1.60", "note", "back")).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly(
                "1|apple|1.50|T1|T2|false|true",
                "1|apple|1.60|T3|null|true|false");
        assertThat(current()).containsExactly("1|apple|1.60|back|T3");
        assertNoViolations();
    }

    @Test
    void should_collapse_three_updates_in_one_source_transaction_to_one_version() throws SQLException {
        insertApple();
        source.transaction(T2)
                .update(row("id", 1, "name", "apple", "price", "1.60", "note", "n"))
                .update(row("id", 1, "name", "green apple", "price", "1.60", "note", "n"))
                .update(row("id", 1, "name", "green apple", "price", "1.70", "note", "n")).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly(
                "1|apple|1.50|T1|T2|false|false",
                "1|green apple|1.70|T2|null|true|false");
        assertThat(current()).containsExactly("1|green apple|1.70|n|T2");
        assertNoViolations();
    }

    @Test
    void should_leave_no_trace_of_a_row_inserted_and_deleted_in_one_transaction() throws SQLException {
        source.transaction(T1)
                .insert(row("id", 9, "name", "ghost", "price", "0.10", "note", null))
                .update(row("id", 9, "name", "ghost", "price", "0.20", "note", null))
                .delete(9).commit();
        land();
        tasks.run();

        assertThat(history()).isEmpty();
        assertThat(current()).isEmpty();
    }

    @Test
    void should_make_one_version_per_transaction_in_commit_order_within_one_task_run() throws SQLException {
        insertApple();
        source.transaction(T2).update(row("id", 1, "name", "apple", "price", "1.60", "note", "n")).commit();
        source.transaction(T3).update(row("id", 1, "name", "apple", "price", "1.70", "note", "n")).commit();
        source.transaction(T4).update(row("id", 1, "name", "apple", "price", "1.80", "note", "n")).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly(
                "1|apple|1.50|T1|T2|false|false",
                "1|apple|1.60|T2|T3|false|false",
                "1|apple|1.70|T3|T4|false|false",
                "1|apple|1.80|T4|null|true|false");
        assertThat(current()).containsExactly("1|apple|1.80|n|T4");
        assertNoViolations();
    }

    @Test
    void should_build_the_whole_chain_of_a_new_key_in_one_task_run() throws SQLException {
        source.transaction(T1).insert(row("id", 1, "name", "apple", "price", "1.50", "note", null)).commit();
        source.transaction(T2).update(row("id", 1, "name", "apple", "price", "1.50", "note", "untracked")).commit();
        source.transaction(T3).update(row("id", 1, "name", "apple", "price", "1.70", "note", "untracked")).commit();
        source.transaction(T4).delete(1).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly(
                "1|apple|1.50|T1|T3|false|false",
                "1|apple|1.70|T3|T4|false|true");
        assertThat(current()).isEmpty();
        assertNoViolations();
    }

    @Test
    void should_see_null_to_value_to_null_as_two_changes() throws SQLException {
        source.transaction(T1).insert(row("id", 1, "name", null, "price", "1.50", "note", null)).commit();
        source.transaction(T2).update(row("id", 1, "name", "named", "price", "1.50", "note", null)).commit();
        land();
        tasks.run();
        source.transaction(T3).update(row("id", 1, "name", null, "price", "1.50", "note", null)).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly(
                "1|null|1.50|T1|T2|false|false",
                "1|named|1.50|T2|T3|false|false",
                "1|null|1.50|T3|null|true|false");
        assertThat(current()).containsExactly("1|null|1.50|null|T3");
        assertNoViolations();
    }

    @Test
    void should_close_every_current_version_as_deleted_and_empty_the_table_on_truncate_in_commit_order()
            throws SQLException {
        source.transaction(T1).insert(row("id", 1, "name", "apple", "price", "1.50", "note", null))
                .insert(row("id", 2, "name", "pear", "price", "2.00", "note", null)).commit();
        String first = source.landingSql();
        w.sql(first);
        tasks.run();
        // in one task run: a change before the truncate, the truncate, changes after it
        source.transaction(T2).update(row("id", 1, "name", "apple", "price", "1.60", "note", null))
                .insert(row("id", 4, "name", "fig", "price", "3.00", "note", null)).commit();
        source.transaction(T3).truncate().commit();
        source.transaction(T4).insert(row("id", 2, "name", "pear", "price", "2.10", "note", "back"))
                .insert(row("id", 3, "name", "plum", "price", "0.75", "note", null)).commit();
        String rest = source.landingSql();
        w.sql(rest);
        tasks.run();

        List<String> history = List.of(
                "1|apple|1.50|T1|T2|false|false",
                "1|apple|1.60|T2|T3|false|true",
                "2|pear|2.00|T1|T3|false|true",
                "2|pear|2.10|T4|null|true|false",
                "3|plum|0.75|T4|null|true|false",
                "4|fig|3.00|T2|T3|false|true");
        List<String> current = List.of("2|pear|2.10|back|T4", "3|plum|0.75|null|T4");
        assertThat(history()).containsExactlyElementsOf(history);
        assertThat(current()).containsExactlyElementsOf(current);
        assertThat(w.query("SELECT OPERATION, PRIMARY_KEY FROM RAW_CHANGES WHERE OPERATION = 't'"))
                .as("the truncate itself is landed").containsExactly("t|{}");
        assertNoViolations();

        // replayed: all of it, then the truncate and what preceded it
        w.sql(first);
        w.sql(rest);
        tasks.run();
        w.sql(first);
        tasks.run();

        assertThat(history()).containsExactlyElementsOf(history);
        assertThat(current()).containsExactlyElementsOf(current);
        assertNoViolations();
    }

    @Test
    void should_delete_rows_landed_in_the_same_run_before_a_truncate_and_nothing_after_it() throws SQLException {
        source.transaction(T1).insert(row("id", 1, "name", "apple", "price", "1.50", "note", null)).commit();
        source.transaction(T2).truncate().commit();
        source.transaction(T3).truncate().commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly("1|apple|1.50|T1|T2|false|true");
        assertThat(current()).isEmpty();
        assertThat(w.query("SELECT ID, _OP FROM STAGING_ITEMS WHERE _OP = 't' ORDER BY _OFFSET_TOKEN"))
                .as("one delete per key the truncate removed; the second truncate finds the key deleted")
                .containsExactly("1|t", "1|t");
        assertNoViolations();
    }

    @Test
    void should_truncate_rows_that_an_earlier_failed_run_staged_but_did_not_apply() throws SQLException {
        insertApple();
        source.transaction(T2).insert(row("id", 2, "name", "pear", "price", "2.00", "note", null)).commit();
        land();
        w.sql("ALTER TABLE ITEMS_SCD RENAME TO ITEMS_SCD_AWAY");
        assertThat(tasks.runOnce()).containsExactly("SUCCEEDED", "FAILED");
        w.sql("ALTER TABLE ITEMS_SCD_AWAY RENAME TO ITEMS_SCD");
        source.transaction(T3).truncate().commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly(
                "1|apple|1.50|T1|T3|false|true",
                "2|pear|2.00|T2|T3|false|true");
        assertThat(current()).isEmpty();
        assertNoViolations();
    }

    @Test
    void should_keep_only_the_final_state_of_a_truncate_and_reinsert_in_one_transaction() throws SQLException {
        insertApple();
        source.transaction(T2).truncate()
                .insert(row("id", 1, "name", "apple", "price", "1.80", "note", "again")).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly(
                "1|apple|1.50|T1|T2|false|false",
                "1|apple|1.80|T2|null|true|false");
        assertThat(current()).containsExactly("1|apple|1.80|again|T2");
        assertNoViolations();
    }

    @Test
    void should_change_nothing_when_the_same_changes_land_twice() throws SQLException {
        source.transaction(T1).insert(row("id", 1, "name", "apple", "price", "1.50", "note", null))
                .insert(row("id", 2, "name", "pear", "price", "2.00", "note", null)).commit();
        source.transaction(T2).update(row("id", 1, "name", "apple", "price", "1.60", "note", null)).commit();
        source.transaction(T3).delete(2).commit();
        String batch = source.landingSql();
        w.sql(batch);
        tasks.run();
        List<String> history = history();
        List<String> current = current();

        w.sql(batch);
        tasks.run();

        assertThat(w.query("SELECT COUNT(*) FROM STAGING_ITEMS")).as("the replay reached staging").containsExactly("8");
        assertThat(history()).isEqualTo(history).containsExactly(
                "1|apple|1.50|T1|T2|false|false",
                "1|apple|1.60|T2|null|true|false",
                "2|pear|2.00|T1|T3|false|true");
        assertThat(current()).isEqualTo(current).containsExactly("1|apple|1.60|null|T2");
        assertNoViolations();
    }

    @Test
    void should_change_nothing_when_older_changes_are_replayed_after_newer_ones() throws SQLException {
        source.transaction(T1).insert(row("id", 1, "name", "apple", "price", "1.50", "note", null)).commit();
        String first = source.landingSql();
        w.sql(first);
        tasks.run();
        source.transaction(T2).update(row("id", 1, "name", "apple", "price", "1.60", "note", "x")).commit();
        land();
        tasks.run();

        w.sql(first);
        tasks.run();

        assertThat(history()).containsExactly(
                "1|apple|1.50|T1|T2|false|false",
                "1|apple|1.60|T2|null|true|false");
        assertThat(current()).containsExactly("1|apple|1.60|x|T2");
    }

    @Test
    void should_continue_the_chain_over_several_task_runs() throws SQLException {
        insertApple();
        source.transaction(T2).update(row("id", 1, "name", "apple", "price", "1.60", "note", "n")).commit();
        land();
        tasks.run();
        assertThat(tasks.runOnce()).as("nothing new: the root skips").containsExactly("SKIPPED");
        source.transaction(T3).update(row("id", 1, "name", "red apple", "price", "1.60", "note", "n")).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly(
                "1|apple|1.50|T1|T2|false|false",
                "1|apple|1.60|T2|T3|false|false",
                "1|red apple|1.60|T3|null|true|false");
        assertThat(current()).containsExactly("1|red apple|1.60|n|T3");
        assertNoViolations();
    }

    @Test
    void should_parse_only_changes_of_its_own_table() throws SQLException {
        SourceLog other = new SourceLog("public", "other", "id");
        other.transaction(T1).insert(row("id", 1, "name", "not an item")).commit();
        w.sql(other.landingSql());
        insertApple();

        assertThat(w.query("SELECT COUNT(*) FROM STAGING_ITEMS")).containsExactly("1");
        assertThat(current()).containsExactly("1|apple|1.50|n|T1");
    }

    @Test
    void should_make_one_version_of_a_delete_and_reinsert_in_one_transaction() throws SQLException {
        insertApple();
        source.transaction(T2).delete(1).insert(row("id", 1, "name", "apple", "price", "1.90", "note", "n")).commit();
        land();
        tasks.run();

        assertThat(history()).as("the delete was never visible").containsExactly(
                "1|apple|1.50|T1|T2|false|false",
                "1|apple|1.90|T2|null|true|false");
        assertThat(current()).containsExactly("1|apple|1.90|n|T2");
    }

    @Test
    void should_apply_a_transaction_that_landed_over_two_task_runs() throws SQLException {
        insertApple();
        SourceLog.Transaction t2 = source.transaction(T2)
                .update(row("id", 1, "name", "apple", "price", "1.60", "note", "n"));
        land();
        tasks.run();
        t2.update(row("id", 1, "name", "green apple", "price", "1.70", "note", "n")).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly(
                "1|apple|1.50|T1|T2|false|false",
                "1|green apple|1.70|T2|null|true|false");
        assertThat(current()).containsExactly("1|green apple|1.70|n|T2");
        assertNoViolations();
    }

    @Test
    void should_reopen_the_version_when_the_rest_of_a_split_transaction_undoes_its_change() throws SQLException {
        insertApple();
        SourceLog.Transaction t2 = source.transaction(T2)
                .update(row("id", 1, "name", "apple", "price", "1.60", "note", "n"));
        land();
        tasks.run();
        t2.update(row("id", 1, "name", "apple", "price", "1.50", "note", "n2")).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly("1|apple|1.50|T1|null|true|false");
        assertThat(current()).containsExactly("1|apple|1.50|n2|T2");
        assertNoViolations();
    }

    @Test
    void should_end_in_a_delete_when_the_rest_of_a_split_transaction_deletes() throws SQLException {
        insertApple();
        SourceLog.Transaction t2 = source.transaction(T2)
                .update(row("id", 1, "name", "apple", "price", "1.60", "note", "n"));
        land();
        tasks.run();
        t2.delete(1).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly("1|apple|1.50|T1|T2|false|true");
        assertThat(current()).isEmpty();
        assertNoViolations();
    }

    @Test
    void should_undo_a_delete_that_the_rest_of_its_transaction_reverts() throws SQLException {
        insertApple();
        SourceLog.Transaction t2 = source.transaction(T2).delete(1);
        land();
        tasks.run();
        t2.insert(row("id", 1, "name", "apple", "price", "1.50", "note", "again")).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly("1|apple|1.50|T1|null|true|false");
        assertThat(current()).containsExactly("1|apple|1.50|again|T2");
        assertNoViolations();
    }

    @Test
    void should_not_bring_back_a_deleted_row_when_its_older_changes_are_replayed() throws SQLException {
        source.transaction(T1).insert(row("id", 1, "name", "apple", "price", "1.50", "note", null)).commit();
        source.transaction(T2).update(row("id", 1, "name", "apple", "price", "1.50", "note", "untracked")).commit();
        String older = source.landingSql();
        w.sql(older);
        tasks.run();
        source.transaction(T3).delete(1).commit();
        land();
        tasks.run();

        w.sql(older);
        tasks.run();

        assertThat(current()).isEmpty();
        assertThat(history()).containsExactly("1|apple|1.50|T1|T3|false|true");
    }

    @Test
    void should_not_reapply_the_first_part_of_a_split_transaction_that_the_rest_undid() throws SQLException {
        insertApple();
        SourceLog.Transaction t2 = source.transaction(T2)
                .update(row("id", 1, "name", "apple", "price", "1.60", "note", "n"));
        String firstPart = source.landingSql();
        w.sql(firstPart);
        tasks.run();
        t2.update(row("id", 1, "name", "apple", "price", "1.50", "note", "n2")).commit();
        land();
        tasks.run();

        w.sql(firstPart);
        tasks.run();

        assertThat(history()).containsExactly("1|apple|1.50|T1|null|true|false");
        assertThat(current()).containsExactly("1|apple|1.50|n2|T2");
        assertNoViolations();
    }

    @Test
    void should_not_bring_back_a_row_that_was_inserted_and_deleted_in_one_transaction() throws SQLException {
        SourceLog.Transaction t1 = source.transaction(T1)
                .insert(row("id", 9, "name", "ghost", "price", "0.10", "note", null));
        String insertOnly = source.landingSql();
        w.sql(insertOnly);
        t1.delete(9).commit();
        land();
        tasks.run();

        w.sql(insertOnly);
        tasks.run();

        assertThat(history()).isEmpty();
        assertThat(current()).isEmpty();
    }

    @Test
    void should_apply_nothing_from_a_failed_run_and_catch_up_on_the_next() throws SQLException {
        insertApple();
        source.transaction(T2).update(row("id", 1, "name", "apple", "price", "1.60", "note", "n")).commit();
        land();
        w.sql("ALTER TABLE ITEMS_SCD RENAME TO ITEMS_SCD_AWAY");

        assertThat(tasks.runOnce()).containsExactly("SUCCEEDED", "FAILED");
        assertThat(current()).as("the current state rolled back with the history").containsExactly("1|apple|1.50|n|T1");

        w.sql("ALTER TABLE ITEMS_SCD_AWAY RENAME TO ITEMS_SCD");
        tasks.run();
        assertThat(current()).containsExactly("1|apple|1.60|n|T2");
        assertThat(history()).containsExactly(
                "1|apple|1.50|T1|T2|false|false",
                "1|apple|1.60|T2|null|true|false");
    }

    @Test
    void should_never_start_a_snapshot_version_after_the_next_change() throws SQLException {
        // the snapshot read the row at T3, after a change that committed at T2 but comes after it in the log
        source.snapshot(T3).insert(row("id", 1, "name", "apple", "price", "1.50", "note", null)).commit();
        source.transaction(T2).update(row("id", 1, "name", "apple", "price", "1.60", "note", null)).commit();
        land();
        tasks.run();
        source.snapshot(T4).insert(row("id", 2, "name", "pear", "price", "2.00", "note", null)).commit();
        land();
        tasks.run();
        source.transaction(T3).update(row("id", 2, "name", "pear", "price", "2.10", "note", null)).commit();
        land();
        tasks.run();

        assertThat(history()).containsExactly(
                "1|apple|1.50|T2|T2|false|false",
                "1|apple|1.60|T2|null|true|false",
                "2|pear|2.00|T3|T3|false|false",
                "2|pear|2.10|T3|null|true|false");
        assertNoViolations();
    }

    @Test
    void should_dead_letter_a_change_whose_values_do_not_fit_and_go_on_with_the_rest() throws SQLException {
        source.transaction(T1).insert(row("id", 1, "name", "apple", "price", "123456789012.50", "note", null))
                .insert(row("id", 2, "name", "pear", "price", "2.00", "note", null)).commit();
        land();
        tasks.run();

        assertThat(current()).containsExactly("2|pear|2.00|null|T1");
        assertThat(w.query("SELECT REASON, DETAIL, SOURCE_TABLE, PAYLOAD:after.price::VARCHAR FROM DEAD_LETTERS"))
                .containsExactly("type-mismatch|values that do not fit their columns in ITEMS: PRICE NUMBER(10,2)"
                        + "|items|123456789012.50");
    }

    @Test
    void should_dead_letter_a_change_without_its_key_and_go_on_with_the_rest() throws SQLException {
        source.transaction(T1).insert(row("id", null, "name", "ghost", "price", "1.00", "note", null))
                .insert(row("id", 2, "name", "pear", "price", "2.00", "note", null)).commit();
        land();
        tasks.run();

        assertThat(current()).containsExactly("2|pear|2.00|null|T1");
        assertThat(w.query("SELECT REASON, DETAIL, PAYLOAD:after.name::VARCHAR FROM DEAD_LETTERS")).containsExactly(
                "type-mismatch|values that do not fit their columns in ITEMS: ID NUMBER(10,0) key|ghost");
    }

    @Test
    void should_handle_columns_named_like_keywords() throws SQLException {
        TableSpec events = new TableSpec("public", "events", "EVENTS",
                List.of(ColumnSpec.of("order", "NUMBER(10,0)"), ColumnSpec.of("at", "TIMESTAMP_NTZ"),
                        ColumnSpec.of("time", "TIME"), ColumnSpec.of("values", "VARIANT")),
                List.of("ORDER"), List.of("AT", "TIME", "VALUES"));
        WarehouseObjects eventObjects = ItemsTable.apply(w, events);
        SourceLog log = new SourceLog("public", "events", "order");
        log.transaction(T1).insert(row("order", 7, "at", "2026-11-25T09:00:00.000000", "time", "09:00:00",
                "values", List.of(1, 2))).commit();
        log.transaction(T2).update(row("order", 7, "at", "2026-11-25T09:30:00.000000", "time", "09:30:00",
                "values", List.of(1, 2))).commit();
        w.sql(log.landingSql());
        new TableTasks(w, "EVENTS").run();

        assertThat(labelled(w.sql("ALTER SESSION SET TIMEZONE = 'UTC'", "SELECT \"ORDER\", \"AT\", \"TIME\","
                + " \"VALUES\", VALID_FROM, IS_CURRENT FROM EVENTS_SCD ORDER BY VALID_FROM")))
                .containsExactly("7|2026-11-25 09:00:00.0|09:00|[1,2]|T1|false",
                        "7|2026-11-25 09:30:00.0|09:30|[1,2]|T2|true");
        assertThat(new QualityChecks(w.embedded().dataSource(), eventObjects.quality()).run()).isEmpty();
    }

    // helpers

    void insertApple() throws SQLException {
        source.transaction(T1).insert(row("id", 1, "name", "apple", "price", "1.50", "note", "n")).commit();
        land();
        tasks.run();
    }

    void land() throws SQLException {
        w.sql(source.landingSql());
    }

    /** ITEMS, with commit times shown as T1, T2, ... */
    List<String> current() throws SQLException {
        return labelled(w.sql("ALTER SESSION SET TIMEZONE = 'UTC'",
                "SELECT ID, NAME, PRICE, NOTE, _COMMITTED_AT FROM ITEMS ORDER BY ID"));
    }

    /** ITEMS_SCD, with commit times shown as T1, T2, ... */
    List<String> history() throws SQLException {
        return labelled(w.sql("ALTER SESSION SET TIMEZONE = 'UTC'",
                "SELECT ID, NAME, PRICE, VALID_FROM, VALID_TO, IS_CURRENT, IS_DELETED"
                        + " FROM ITEMS_SCD ORDER BY ID, VALID_FROM"));
    }

    static List<String> labelled(List<String> rows) {
        List<String> labelled = new ArrayList<>();
        for (String row : rows) {
            String[] times = {T1, T2, T3, T4};
            for (int i = 0; i < times.length; i++) {
                row = row.replace(OffsetDateTime.parse(times[i]).toString(), "T" + (i + 1));
            }
            labelled.add(row);
        }
        return labelled;
    }

    void assertNoViolations() throws SQLException {
        assertThat(new QualityChecks(w.embedded().dataSource(), objects.quality()).run()).isEmpty();
    }
}
