package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.q;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.snowpipecdc.emulator.sql.EmulatorCatalog.ObjectName;
import dev.snowpipecdc.emulator.sql.EmulatorCatalog.StreamInfo;

/**
 * An APPEND_ONLY stream shows every row inserted since its offset, even one deleted (or truncated away) since:
 * deletes are not recorded, inserts are. A stream's changes are the difference between its table and its base, so
 * rows inserted after the offset and removed before it is consumed would vanish; they are kept in the stream's log
 * instead. Before a DELETE, MERGE or TRUNCATE on a table with append-only streams, the rows inserted since each
 * stream's offset are set aside; after it, those that are gone are added to the stream's log (in the statement's
 * transaction). Consuming the stream empties its log.
 */
final class AppendOnlyLog {

    /** The rows set aside before a statement, for one stream. */
    private record SetAside(StreamInfo stream, String table, List<String> columns) {
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

    /** The table a statement may remove rows from, when it is a DELETE, a MERGE or a TRUNCATE. */
    static Optional<List<String>> removingTarget(String sql, String first) throws SQLException {
        if (first.equals("TRUNCATE")) {
            TokenCursor c = new TokenCursor(sql);
            c.expect("TRUNCATE");
            c.accept("TABLE");
            c.accept("IF", "EXISTS");
            return Optional.of(c.name());
        }
        return first.equals("DELETE") || first.equals("MERGE") ? DmlTarget.of(sql) : Optional.empty();
    }

    /** Before the statement: the rows inserted since each append-only stream's offset. */
    void before(List<StreamInfo> streams) throws SQLException {
        for (StreamInfo stream : streams) {
            if (!stream.appendOnly() || stream.onView()) {
                continue;
            }
            List<String> columns = EmulatorCatalog.columns(duck, stream.table());
            List<String> baseColumns = EmulatorCatalog.columns(duck, StreamChanges.baseName(stream));
            String table = "__append_only_set_aside_" + (++counter);
            run("CREATE TEMP TABLE " + q(table) + " AS SELECT " + list(columns) + " FROM " + stream.table().sql()
                    + " EXCEPT ALL SELECT " + columns.stream().map(col -> baseColumns.contains(col) ? q(col)
                    : "NULL AS " + q(col)).collect(Collectors.joining(", ")) + " FROM " + stream.baseTable());
            setAside.add(new SetAside(stream, table, columns));
        }
    }

    /** After the statement: the rows set aside that are gone go to the streams' logs. */
    void after() throws SQLException {
        try {
            for (SetAside s : setAside) {
                String log = logName(s.stream()).sql();
                run("CREATE TABLE IF NOT EXISTS " + log + " AS SELECT * FROM temp.main." + q(s.table()) + " LIMIT 0");
                run("INSERT INTO " + log + " BY NAME (SELECT * FROM temp.main." + q(s.table()) + " EXCEPT ALL SELECT "
                        + list(s.columns()) + " FROM " + s.stream().table().sql() + ")");
            }
        } finally {
            discard();
        }
    }

    /** The statement failed: nothing is logged. */
    void discard() throws SQLException {
        for (SetAside s : setAside) {
            run("DROP TABLE IF EXISTS temp.main." + q(s.table()));
        }
        setAside.clear();
    }

    private static String list(List<String> columns) {
        return columns.stream().map(EmulatorCatalog::q).collect(Collectors.joining(", "));
    }

    private void run(String duckSql) throws SQLException {
        try (Statement st = duck.createStatement()) {
            st.execute(duckSql);
        }
    }
}
