package dev.snowpipecdc.emulator.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import dev.snowpipecdc.warehouse.sql.SqlToken;

/**
 * Snowflake refuses a MERGE that would update one target row from several source rows (its result would depend
 * on which source row came last): error 100090, "Duplicate row detected during DML action". DuckDB would just
 * pick one, so the emulator looks first: when the MERGE has a WHEN MATCHED ... UPDATE clause, no target row may
 * join more than one source row.
 */
final class MergeCheck {

    static final int DUPLICATE_ROW_CODE = 100090;
    static final String DUPLICATE_ROW_STATE = "42P18";

    private MergeCheck() {
    }

    /** @param duckMerge the MERGE already translated to DuckDB SQL */
    static void requireDeterministic(Connection duck, String duckMerge, boolean enabled) throws SQLException {
        if (!enabled) {
            return;
        }
        Optional<String> query = duplicateMatchQuery(duckMerge);
        if (query.isEmpty()) {
            return;
        }
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(query.get())) {
            if (rs.next()) {
                throw new SQLException(DUPLICATE_ROW_CODE + " (" + DUPLICATE_ROW_STATE + "): Duplicate row detected"
                        + " during DML action\nRow Values: [" + rs.getString(1) + "]", DUPLICATE_ROW_STATE,
                        DUPLICATE_ROW_CODE);
            }
        }
    }

    /** A query returning one matched target row with several source rows, if the MERGE updates matched rows. */
    static Optional<String> duplicateMatchQuery(String duckMerge) throws SQLException {
        TokenCursor c = new TokenCursor(duckMerge);
        if (!c.accept("MERGE", "INTO")) {
            return Optional.empty();
        }
        String target = c.until("USING").orElseThrow(() -> c.error("MERGE without USING"));
        c.expect("USING");
        String source = c.until("ON").orElseThrow(() -> c.error("MERGE without ON"));
        c.expect("ON");
        String condition = c.until("WHEN").orElseThrow(() -> c.error("MERGE without WHEN"));
        if (!updatesMatchedRows(c)) {
            return Optional.empty();
        }
        String targetRef = alias(target);
        return Optional.of("SELECT CAST(ANY_VALUE(" + targetRef + ") AS VARCHAR) FROM " + target + " JOIN " + source
                + " ON " + condition + " GROUP BY " + targetRef + ".rowid HAVING COUNT(*) > 1 LIMIT 1");
    }

    private static boolean updatesMatchedRows(TokenCursor c) {
        boolean matched = false;
        while (!c.atEnd()) {
            SqlToken t = c.peek();
            if (t.isWord("WHEN")) {
                matched = c.peek(1) != null && c.peek(1).isWord("MATCHED");
            } else if (matched && t.isWord("UPDATE")) {
                return true;
            }
            c.skip();
        }
        return false;
    }

    /** The name a target is referred to by: its alias, or its (last) name. */
    private static String alias(String target) throws SQLException {
        TokenCursor c = new TokenCursor(target);
        java.util.List<String> name = c.name();
        c.accept("AS");
        if (!c.atEnd()) {
            return c.rest();
        }
        return EmulatorCatalog.q(name.get(name.size() - 1));
    }
}
