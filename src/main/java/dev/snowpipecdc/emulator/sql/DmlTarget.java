package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The table a DML statement writes: INSERT [OVERWRITE] INTO t, UPDATE t, DELETE FROM t, MERGE INTO t. */
final class DmlTarget {

    private DmlTarget() {
    }

    /** The (unresolved) name of the table the statement writes, if it is a single-table DML statement. */
    static Optional<List<String>> of(String sql) throws SQLException {
        TokenCursor c = new TokenCursor(sql);
        boolean named = c.accept("UPDATE") || c.accept("DELETE", "FROM") || c.accept("MERGE", "INTO")
                || c.accept("INSERT", "INTO") || c.accept("INSERT", "OVERWRITE", "INTO");
        return named ? Optional.of(c.name()) : Optional.empty();
    }

    /** Whether the statement only adds rows to its table (INSERT INTO, not INSERT OVERWRITE). */
    static boolean onlyInserts(String sql) throws SQLException {
        return new TokenCursor(sql).peekWord("INSERT", "INTO");
    }
}
