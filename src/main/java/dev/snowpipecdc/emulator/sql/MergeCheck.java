package dev.snowpipecdc.emulator.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.snowpipecdc.warehouse.sql.SqlToken;

/**
 * Snowflake's rules for a MERGE's matched rows, which DuckDB does not have.
 * <ul>
 *   <li>A target row joined to several source rows that reach a WHEN MATCHED clause makes the result depend on
 *       which source row came last when one of them updates it (updated with several values, or updated and
 *       deleted): error 100090, "Duplicate row detected during DML action", unless
 *       ERROR_ON_NONDETERMINISTIC_MERGE is FALSE. Deleted several times is fine, and joined rows that match no
 *       clause do not count. DuckDB would just pick one, so the emulator looks first.</li>
 *   <li>A WHEN [NOT] MATCHED clause without AND must be the last of its kind: a clause after it is unreachable,
 *       which Snowflake refuses.</li>
 * </ul>
 */
final class MergeCheck {

    static final int DUPLICATE_ROW_CODE = 100090;
    static final String DUPLICATE_ROW_STATE = "42P18";

    /** One WHEN MATCHED clause: its AND condition (if any) and what it does (UPDATE or DELETE). */
    private record MatchedClause(Optional<String> condition, String action) {
    }

    private MergeCheck() {
    }

    /** @param duckMerge the MERGE already translated to DuckDB SQL */
    static void check(Connection duck, String duckMerge, boolean errorOnNondeterministic) throws SQLException {
        Optional<String> query = duplicateMatchQuery(duckMerge);
        if (query.isEmpty() || !errorOnNondeterministic) {
            return;
        }
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(query.get())) {
            if (rs.next()) {
                throw duplicateRow(rs.getString(1));
            }
        }
    }

    static SQLException duplicateRow(String rowValues) {
        return new SQLException(DUPLICATE_ROW_CODE + " (" + DUPLICATE_ROW_STATE + "): Duplicate row detected during"
                + " DML action\nRow Values: [" + rowValues + "]", DUPLICATE_ROW_STATE, DUPLICATE_ROW_CODE);
    }

    /**
     * A query returning one target row that several source rows would update (or update and delete), if the
     * MERGE has a WHEN MATCHED ... UPDATE clause; refuses unreachable clauses.
     */
    static Optional<String> duplicateMatchQuery(String duckMerge) throws SQLException {
        TokenCursor c = TokenCursor.overDuckDb(duckMerge);
        if (!c.accept("MERGE", "INTO")) {
            return Optional.empty();
        }
        String target = c.until("USING").orElseThrow(() -> c.error("MERGE without USING"));
        c.expect("USING");
        String source = c.until("ON").orElseThrow(() -> c.error("MERGE without ON"));
        c.expect("ON");
        String condition = c.until("WHEN").orElseThrow(() -> c.error("MERGE without WHEN"));
        List<MatchedClause> matched = matchedClauses(c);
        if (matched.stream().noneMatch(m -> m.action().equals("UPDATE"))) {
            return Optional.empty();
        }
        // the clause each joined pair reaches: the first WHEN MATCHED whose condition holds
        StringBuilder action = new StringBuilder("CASE");
        for (MatchedClause m : matched) {
            action.append(" WHEN ").append(m.condition().orElse("TRUE")).append(" THEN '").append(m.action())
                    .append('\'');
        }
        action.append(" END");
        String targetRef = UpdateCounts.alias(target);
        return Optional.of("SELECT CAST(ANY_VALUE(__target_values) AS VARCHAR) FROM (SELECT " + targetRef
                + " AS __target_values, " + targetRef + ".rowid AS __target_row, " + action + " AS __action FROM "
                + target + " JOIN " + source + " ON " + condition + ") WHERE __action IS NOT NULL GROUP BY __target_row"
                + " HAVING COUNT(*) > 1 AND COUNT(*) FILTER (WHERE __action = 'UPDATE') > 0 LIMIT 1");
    }

    private static List<MatchedClause> matchedClauses(TokenCursor c) throws SqlException {
        List<MatchedClause> matched = new ArrayList<>();
        boolean matchedWithoutCondition = false;
        boolean notMatchedWithoutCondition = false;
        while (c.accept("WHEN")) {
            boolean isMatched = !c.accept("NOT");
            c.expect("MATCHED");
            if ((isMatched && matchedWithoutCondition) || (!isMatched && notMatchedWithoutCondition)) {
                throw c.error("unreachable WHEN " + (isMatched ? "" : "NOT ") + "MATCHED clause: a clause of its"
                        + " kind without AND comes before it, and must be the last of its kind");
            }
            Optional<String> clauseCondition = Optional.empty();
            if (c.accept("AND")) {
                clauseCondition = Optional.of(c.until("THEN").orElseThrow(() -> c.error("WHEN without THEN")));
            } else if (isMatched) {
                matchedWithoutCondition = true;
            } else {
                notMatchedWithoutCondition = true;
            }
            c.expect("THEN");
            String action = c.word();
            if (isMatched) {
                matched.add(new MatchedClause(clauseCondition, action));
            }
            skipToNextClause(c);
        }
        return matched;
    }

    /** Past the clause's action, to the next WHEN that starts a clause (not one of a CASE in a SET). */
    private static void skipToNextClause(TokenCursor c) {
        int depth = 0;
        int cases = 0;
        while (!c.atEnd()) {
            SqlToken t = c.peek();
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (t.isWord("CASE")) {
                cases++;
            } else if (t.isWord("END")) {
                cases--;
            } else if (depth == 0 && cases == 0 && t.isWord("WHEN")) {
                return;
            }
            c.skip();
        }
    }
}
