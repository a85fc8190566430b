package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.q;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.snowpipecdc.emulator.sql.EmulatorCatalog.ObjectName;
import dev.snowpipecdc.emulator.sql.EmulatorCatalog.StreamInfo;

/**
 * An APPEND_ONLY stream shows every row inserted since its offset, even one deleted (or truncated away) since:
 * deletes are not recorded, inserts are. A stream's changes are the difference between its table and its base, so
 * rows inserted after the offset and removed before it is consumed would vanish; they are kept in the stream's log
 * instead. Before a DELETE, MERGE or TRUNCATE on a table with append-only streams, the rows inserted since each
 * stream's offset are set aside with their row numbers; after it, those whose row is gone are added to the
 * stream's log (in the statement's transaction). Consuming the stream empties its log.
 */
final class AppendOnlyLog {

    /** The rows set aside before a statement, for one stream: a temporary table, with each row's number. */
    private record SetAside(StreamInfo stream, String table) {
    }

    private final Connection duck;
    private final List<SetAside> setAside = new ArrayList<>();
    private int counter;

    AppendOnlyLog(Connection duck) {
        this.duck = duck;
    }

    /** The log of a stream (in its database's emulator schema). */
    static ObjectName logName(StreamInfo stream) {
        return new ObjectName(stream.name().database(), EmulatorCatalog.SCHEMA,
                "STREAM_LOG$" + stream.name().schema() + "$" + stream.name().name());
    }

    /**
     * Before the statement: the rows inserted since each append-only stream's offset, told by their row number
     * (not in the stream's base). A base without row numbers (made by an earlier version) keeps no log.
     */
    void before(List<StreamInfo> streams) throws SQLException {
        for (StreamInfo stream : streams) {
            if (!stream.appendOnly() || stream.onView()) {
                continue;
            }
            List<String> baseColumns = EmulatorCatalog.columns(duck, StreamChanges.baseName(stream));
            if (!baseColumns.contains(StreamChanges.ROW)) {
                continue;
            }
            String row = q(StreamChanges.ROW);
            String table = "__append_only_set_aside_" + (++counter);
            run("CREATE TEMP TABLE " + q(table) + " AS " + StreamChanges.snapshotOf(stream) + " WHERE rowid NOT IN"
                    + " (SELECT " + row + " FROM " + stream.baseTable() + ")");
            setAside.add(new SetAside(stream, table));
        }
    }

    /**
     * After the statement: the rows set aside whose row is gone go to the streams' logs (an updated row keeps its
     * row, and is read from the table). The log takes any column the table gained.
     */
    void after() throws SQLException {
        for (SetAside s : setAside) {
            String log = logName(s.stream()).sql();
            String gone = "SELECT * EXCLUDE (" + q(StreamChanges.ROW) + ") FROM temp.main." + q(s.table())
                    + " WHERE " + q(StreamChanges.ROW) + " NOT IN (SELECT rowid FROM " + s.stream().table().sql() + ")";
            if (EmulatorCatalog.columns(duck, logName(s.stream())).isEmpty()) {
                run("CREATE TABLE " + log + " AS " + gone);
            } else {
                run("CREATE OR REPLACE TABLE " + log + " AS SELECT * FROM " + log + " UNION ALL BY NAME " + gone);
            }
            run("DROP TABLE IF EXISTS temp.main." + q(s.table()));
        }
        setAside.clear();
    }

    /**
     * The statement failed: nothing is logged. Its transaction is rolled back (or aborted, to be), and the rows
     * set aside with it.
     */
    void forget() {
        setAside.clear();
    }

    private void run(String duckSql) throws SQLException {
        try (Statement st = duck.createStatement()) {
            st.execute(duckSql);
        }
    }
}
