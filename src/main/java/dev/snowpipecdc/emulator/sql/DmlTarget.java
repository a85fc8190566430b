package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The table a statement writes rows of: INSERT [OVERWRITE] INTO t, UPDATE t, DELETE FROM t, MERGE INTO t,
 * TRUNCATE [TABLE] [IF EXISTS] t; what the stream machinery needs to know of it.
 *
 * @param table       the (unresolved) name
 * @param onlyInserts the statement only adds rows (INSERT INTO, not INSERT OVERWRITE)
 * @param removesRows the statement may remove rows (DELETE, MERGE, TRUNCATE)
 */
record DmlTarget(List<String> table, boolean onlyInserts, boolean removesRows) {

    /** The statement's target, if it is a single-table DML statement or a TRUNCATE. */
    static Optional<DmlTarget> of(String sql) throws SQLException {
        TokenCursor c = new TokenCursor(sql);
        if (c.accept("INSERT", "INTO")) {
            return Optional.of(new DmlTarget(c.name(), true, false));
        }
        if (c.accept("UPDATE") || c.accept("INSERT", "OVERWRITE", "INTO")) {
            return Optional.of(new DmlTarget(c.name(), false, false));
        }
        if (c.accept("DELETE", "FROM") || c.accept("MERGE", "INTO")) {
            return Optional.of(new DmlTarget(c.name(), false, true));
        }
        if (c.accept("TRUNCATE")) {
            c.accept("TABLE");
            c.accept("IF", "EXISTS");
            return Optional.of(new DmlTarget(c.name(), false, true));
        }
        return Optional.empty();
    }
}
