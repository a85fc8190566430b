package dev.snowpipecdc.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.snowpipecdc.support.ItemsTable;
import dev.snowpipecdc.support.Warehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality queries of sql/quality/ find what is wrong, and only that: a history written by hand with one fault
 * of each kind, next to a key whose history is right.
 */
class QualityQueriesTest {

    @TempDir
    Path dir;

    Warehouse w;
    WarehouseObjects objects;

    @BeforeEach
    void setUp() throws SQLException {
        w = new Warehouse(dir, 1.0);
        objects = ItemsTable.apply(w, ItemsTable.ITEMS);
        // key 1 is right: two versions back to back, then deleted; key 6 is right: live, one version
        version(1, "10:00", "10:05", false, false);
        version(1, "10:05", "10:07", false, true);
        version(6, "10:00", null, true, false);
        current(6);
    }

    @AfterEach
    void tearDown() throws SQLException {
        w.close();
    }

    @Test
    void should_find_nothing_in_a_right_history() throws SQLException {
        assertThat(violations()).isEmpty();
    }

    @Test
    void should_find_two_current_versions_of_a_key() throws SQLException {
        version(2, "10:00", null, true, false);
        version(2, "10:03", null, true, false);
        current(2);

        assertThat(violations()).containsExactly(
                "scd_current_duplicates|ITEMS_SCD|2|2 current versions",
                "scd_gaps_and_overlaps|ITEMS_SCD|2|version from 2026-11-25 10:00:00+00 to now,"
                        + " next from 2026-11-25 10:03:00+00");
    }

    @Test
    void should_find_a_gap_and_an_overlap_between_versions() throws SQLException {
        version(3, "10:00", "10:02", false, false);
        version(3, "10:03", "10:04", false, false);
        version(3, "10:03:30", null, true, false);
        current(3);

        assertThat(violations()).extracting(v -> v.substring(0, v.indexOf(", next")))
                .containsExactly("scd_gaps_and_overlaps|ITEMS_SCD|3|version from 2026-11-25 10:00:00+00 to"
                                + " 2026-11-25 10:02:00+00",
                        "scd_gaps_and_overlaps|ITEMS_SCD|3|version from 2026-11-25 10:03:00+00 to"
                                + " 2026-11-25 10:04:00+00");
    }

    @Test
    void should_find_a_version_that_starts_before_the_delete_that_precedes_it() throws SQLException {
        version(4, "10:00", "10:05", false, true);
        version(4, "10:04", null, true, false);
        current(4);

        assertThat(violations()).hasSize(1).first().asString()
                .startsWith("scd_gaps_and_overlaps|ITEMS_SCD|4|version from 2026-11-25 10:00:00+00");
    }

    @Test
    void should_find_a_current_flag_that_disagrees_with_valid_to() throws SQLException {
        version(5, "10:00", "10:01", true, false);
        current(5);

        assertThat(violations()).extracting(v -> v.split("\\|")[0] + "|" + v.split("\\|")[2])
                .containsExactly("scd_gaps_and_overlaps|5");
    }

    @Test
    void should_find_current_rows_and_current_versions_of_different_keys() throws SQLException {
        current(7);
        version(8, "10:00", null, true, false);

        assertThat(violations()).containsExactly(
                "current_matches_history|ITEMS|7|current row without a current version",
                "current_matches_history|ITEMS|8|current version without a current row");
    }

    @Test
    void should_find_a_current_row_whose_tracked_values_differ_from_its_current_version() throws SQLException {
        version(9, "10:00", null, true, false);
        current(9);
        w.sql("UPDATE ITEMS SET NAME = NULL WHERE ID = 9", "UPDATE ITEMS SET NOTE = 'untracked' WHERE ID = 6");

        assertThat(violations()).containsExactly(
                "current_matches_history|ITEMS|9|current row and current version differ in tracked columns");
    }

    void version(int id, String from, String to, boolean current, boolean deleted) throws SQLException {
        w.sql("INSERT INTO ITEMS_SCD (ID, NAME, PRICE, NOTE, VALID_FROM, VALID_TO, IS_CURRENT, IS_DELETED,"
                + " _TX_POSITION) SELECT " + id + ", 'x', 1, NULL, " + at(from) + ", " + at(to) + ", " + current
                + ", " + deleted + ", '1-" + from + "'");
    }

    void current(int id) throws SQLException {
        w.sql("INSERT INTO ITEMS (ID, NAME, PRICE, NOTE, _TX_POSITION, _OFFSET_TOKEN, _COMMITTED_AT) SELECT " + id
                + ", 'x', 1, NULL, '1-0', '1-0', CURRENT_TIMESTAMP()");
    }

    static String at(String time) {
        return time == null ? "NULL" : "'2026-11-25 " + (time.length() == 5 ? time + ":00" : time) + "+00'::TIMESTAMP_LTZ";
    }

    /** Every quality query's rows, in the order of the queries. */
    List<String> violations() throws SQLException {
        List<String> rows = new ArrayList<>();
        for (NamedQuery check : objects.quality()) {
            rows.addAll(w.sql("ALTER SESSION SET TIMEZONE = 'UTC'", check.sql() + " ORDER BY 3, 4"));
        }
        return rows;
    }
}
