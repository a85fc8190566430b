package dev.snowpipecdc.emulator.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * What Snowflake answers an UPDATE with: {@code number of rows updated} and {@code number of multi-joined rows
 * updated}. An {@code UPDATE ... FROM} whose target row joins several source rows updates it once (with one of
 * them, Snowflake does not say which) and counts it as multi-joined; with ERROR_ON_NONDETERMINISTIC_UPDATE = TRUE it
 * fails instead (error 100090, as a MERGE does). DuckDB counts such a row once per joined row, so the rows are
 * counted here before the update runs.
 */
record UpdateCounts(long updated, long multiJoined) {

    /**
     * Runs the translated UPDATE on {@code duck}.
     *
     * @param errorOnMultiJoined ERROR_ON_NONDETERMINISTIC_UPDATE
     */
    static UpdateCounts run(Connection duck, String duckUpdate, boolean errorOnMultiJoined) throws SQLException {
        Optional<String> joined = joinedRowsQuery(duckUpdate);
        try (Statement st = duck.createStatement()) {
            if (joined.isEmpty()) {
                return new UpdateCounts(st.executeUpdate(duckUpdate), 0);
            }
            long updated;
            long multiJoined;
            String example;
            try (ResultSet rs = st.executeQuery(joined.get())) {
                rs.next();
                updated = rs.getLong(1);
                multiJoined = rs.getLong(2);
                example = rs.getString(3);
            }
            if (multiJoined > 0 && errorOnMultiJoined) {
                throw MergeCheck.duplicateRow(example);
            }
            st.executeUpdate(duckUpdate);
            return new UpdateCounts(updated, multiJoined);
        }
    }

    /** The one-row answer. */
    String resultQuery() {
        return "SELECT " + updated + " AS " + EmulatorCatalog.q("number of rows updated") + ", " + multiJoined
                + " AS " + EmulatorCatalog.q("number of multi-joined rows updated");
    }

    /**
     * For an {@code UPDATE target SET ... FROM sources [WHERE condition]}: the target rows it updates, those of them
     * joined more than once, and one of those (its values); empty for an UPDATE without FROM.
     */
    private static Optional<String> joinedRowsQuery(String duckUpdate) throws SQLException {
        TokenCursor c = TokenCursor.overDuckDb(duckUpdate);
        if (!c.accept("UPDATE")) {
            return Optional.empty();
        }
        String target = c.until("SET").orElseThrow(() -> c.error("UPDATE without SET"));
        c.expect("SET");
        if (c.until("FROM").isEmpty()) {
            return Optional.empty();
        }
        c.expect("FROM");
        Optional<String> sources = c.until("WHERE");
        String condition = "TRUE";
        if (sources.isPresent()) {
            c.expect("WHERE");
            condition = c.rest();
        } else {
            sources = Optional.of(c.rest());
        }
        String targetRef = alias(target);
        return Optional.of("SELECT COUNT(*), COUNT(*) FILTER (WHERE __joined > 1),"
                + " CAST(ANY_VALUE(__target_values) FILTER (WHERE __joined > 1) AS VARCHAR) FROM (SELECT "
                + targetRef + ".rowid, ANY_VALUE(" + targetRef + ") AS __target_values, COUNT(*) AS __joined FROM "
                + target + ", " + sources.get() + " WHERE " + condition + " GROUP BY " + targetRef + ".rowid)");
    }

    /** The name a target is referred to by: its alias, or its (last) name. */
    static String alias(String target) throws SQLException {
        TokenCursor c = TokenCursor.overDuckDb(target);
        List<String> name = c.name();
        c.accept("AS");
        return c.atEnd() ? EmulatorCatalog.q(name.get(name.size() - 1)) : c.rest();
    }
}
