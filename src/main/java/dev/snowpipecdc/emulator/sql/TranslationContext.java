package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What the translator needs to know about the session and the catalog: the parts of a statement whose DuckDB
 * form depends on state (stream names, table functions over the emulator's history, system functions).
 */
public interface TranslationContext {

    /** An argument of a table function call: {@code NAME => value} or positional (empty name). */
    record Argument(Optional<String> name, String sql) {
    }

    /** The session's current database, for names the translator creates (sequences). */
    default Optional<String> currentDatabase() {
        return Optional.empty();
    }

    /** The session's current schema. */
    default Optional<String> currentSchema() {
        return Optional.empty();
    }

    /** The Snowflake type that {@code TIMESTAMP} means (session parameter TIMESTAMP_TYPE_MAPPING). */
    default String timestampTypeMapping() {
        return "TIMESTAMP_NTZ";
    }

    /**
     * The DuckDB relation to read in place of a table reference, when the name is not a plain table: for a
     * stream, its change rows. {@code nameParts} are resolved (upper-cased unless quoted).
     */
    default Optional<String> tableReference(List<String> nameParts) throws SQLException {
        return Optional.empty();
    }

    /** The DuckDB subquery for {@code TABLE(name(args))}, e.g. INFORMATION_SCHEMA.TASK_HISTORY. */
    default Optional<String> tableFunction(List<String> nameParts, List<Argument> args) throws SQLException {
        return Optional.empty();
    }

    /**
     * The value of a function that only the session can evaluate (SYSTEM$STREAM_HAS_DATA, LAST_QUERY_ID,
     * CURRENT_DATABASE, ...), as a SQL literal; empty when the name is not one.
     */
    default Optional<String> sessionFunction(String name, List<String> args) throws SQLException {
        return Optional.empty();
    }

    /**
     * The DuckDB type of a column of one of the tables a statement reads ({@code tables}, unresolved name parts),
     * when exactly one of them has a column of that name; empty otherwise.
     */
    default Optional<String> columnType(List<List<String>> tables, String column) throws SQLException {
        return Optional.empty();
    }

    /** A context for statements that need no session state. */
    TranslationContext STATELESS = new TranslationContext() { };
}
