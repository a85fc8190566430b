package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.lit;
import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.q;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code TABLE(INFORMATION_SCHEMA.TASK_HISTORY(...))} and {@code DYNAMIC_TABLE_REFRESH_HISTORY(...)}: the
 * emulator's run records, filtered by Snowflake's named arguments, newest first; {@code TASK_DEPENDENTS(...)} and
 * {@code DYNAMIC_TABLE_GRAPH_HISTORY(...)} from its catalog.
 */
final class History {

    private History() {
    }

    /** Arguments: SCHEDULED_TIME_RANGE_START, SCHEDULED_TIME_RANGE_END, RESULT_LIMIT, TASK_NAME, ERROR_ONLY. */
    static String taskHistory(String database, List<TranslationContext.Argument> args) throws SqlException {
        List<String> where = new ArrayList<>();
        String limit = "100";
        for (TranslationContext.Argument arg : args) {
            String name = arg.name().orElseThrow(() -> new SqlException(
                    "TASK_HISTORY: the embedded warehouse takes named arguments only (NAME => value)", null));
            switch (name.toUpperCase(Locale.ROOT)) {
                case "SCHEDULED_TIME_RANGE_START" -> where.add("SCHEDULED_TIME >= " + arg.sql());
                case "SCHEDULED_TIME_RANGE_END" -> where.add("SCHEDULED_TIME < " + arg.sql());
                case "RESULT_LIMIT" -> limit = arg.sql();
                case "TASK_NAME" -> where.add("NAME = upper(" + arg.sql() + ")");
                case "ERROR_ONLY" -> where.add("(NOT (" + arg.sql() + ") OR STATE IN ('FAILED',"
                        + " 'FAILED_AND_AUTO_SUSPENDED'))");
                case "ROOT_TASK_ID" -> where.add("ROOT_TASK_ID = " + arg.sql());
                default -> throw new SqlException("TASK_HISTORY has no argument " + name, null);
            }
        }
        // Snowflake's columns in its order; those the embedded warehouse does not keep are NULL
        return "(SELECT *, NULL::JSON AS CONFIG, NULL::VARCHAR AS QUERY_HASH, NULL::BIGINT AS QUERY_HASH_VERSION,"
                + " NULL::VARCHAR AS QUERY_PARAMETERIZED_HASH, NULL::BIGINT AS QUERY_PARAMETERIZED_HASH_VERSION,"
                + " NULL::VARCHAR AS GRAPH_RUN_GROUP_ID, NULL::JSON AS BACKFILL_INFO, NULL::VARCHAR AS SPCS_JOB_ID"
                + " FROM " + q(database) + "." + EmulatorCatalog.SCHEMA + ".TASK_HISTORY"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY SCHEDULED_TIME DESC LIMIT " + limit + ")";
    }

    /** Arguments: NAME, NAME_PREFIX, RESULT_LIMIT, ERROR_ONLY, DATA_TIMESTAMP_START, DATA_TIMESTAMP_END. */
    static String refreshHistory(String database, List<TranslationContext.Argument> args) throws SqlException {
        List<String> where = new ArrayList<>();
        String limit = "100";
        for (TranslationContext.Argument arg : args) {
            String name = arg.name().orElseThrow(() -> new SqlException("DYNAMIC_TABLE_REFRESH_HISTORY: the embedded"
                    + " warehouse takes named arguments only (NAME => value)", null));
            switch (name.toUpperCase(Locale.ROOT)) {
                // NAME may be qualified: compare with the qualified name's end
                case "NAME" -> where.add("(QUALIFIED_NAME = upper(" + arg.sql() + ") OR NAME = upper(" + arg.sql()
                        + ") OR QUALIFIED_NAME LIKE '%.' || upper(" + arg.sql() + "))");
                case "NAME_PREFIX" -> where.add("QUALIFIED_NAME LIKE upper(" + arg.sql() + ") || '%'");
                case "RESULT_LIMIT" -> limit = arg.sql();
                case "ERROR_ONLY" -> where.add("(NOT (" + arg.sql() + ") OR STATE IN ('FAILED', 'UPSTREAM_FAILED'))");
                case "DATA_TIMESTAMP_START" -> where.add("DATA_TIMESTAMP >= " + arg.sql());
                case "DATA_TIMESTAMP_END" -> where.add("DATA_TIMESTAMP < " + arg.sql());
                default -> throw new SqlException("DYNAMIC_TABLE_REFRESH_HISTORY has no argument " + name, null);
            }
        }
        // Snowflake's columns in its order; those the embedded warehouse does not keep are NULL
        return "(SELECT NAME, SCHEMA_NAME, DATABASE_NAME, STATE, STATE_CODE, STATE_MESSAGE, QUERY_ID, DATA_TIMESTAMP,"
                + " REFRESH_START_TIME, REFRESH_END_TIME, COMPLETION_TARGET, QUALIFIED_NAME,"
                + " NULL::JSON AS LAST_COMPLETED_DEPENDENCY, NULL::JSON AS STATISTICS, REFRESH_ACTION,"
                + " NULL::VARCHAR AS REINIT_REASON, REFRESH_TRIGGER, TARGET_LAG_SEC,"
                + " NULL::TIMESTAMPTZ AS GRAPH_HISTORY_VALID_FROM, NULL::JSON AS INPUTS_WITH_CHANGED_DATA FROM "
                + q(database) + "." + EmulatorCatalog.SCHEMA + ".DYNAMIC_TABLE_REFRESH_HISTORY"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY REFRESH_START_TIME DESC LIMIT " + limit + ")";
    }

    /** Arguments: TASK_NAME (qualified or not), RECURSIVE (default TRUE). The task first, then its dependents. */
    static String taskDependents(String database, String schema, List<TranslationContext.Argument> args)
            throws SqlException {
        String task = null;
        String recursive = "TRUE";
        for (TranslationContext.Argument arg : args) {
            String name = arg.name().orElseThrow(() -> new SqlException(
                    "TASK_DEPENDENTS: the embedded warehouse takes named arguments only (NAME => value)", null));
            switch (name.toUpperCase(Locale.ROOT)) {
                case "TASK_NAME" -> task = arg.sql();
                case "RECURSIVE" -> recursive = arg.sql();
                default -> throw new SqlException("TASK_DEPENDENTS has no argument " + name, null);
            }
        }
        if (task == null) {
            throw new SqlException("TASK_DEPENDENTS needs TASK_NAME", null);
        }
        String m = q(database) + "." + EmulatorCatalog.SCHEMA + ".TASKS";
        String qualified = "SCHEMA_NAME || '.' || NAME";
        // the name as given, qualified with the current database and schema when it is not
        String target = "(CASE len(string_split(upper(" + task + "), '.')) WHEN 3 THEN upper(" + task + ") WHEN 2 THEN "
                + lit(database) + " || '.' || upper(" + task + ") ELSE " + lit(database + "." + schema) + " || '.' ||"
                + " upper(" + task + ") END)";
        return "(WITH RECURSIVE __dependents(SCHEMA_NAME, NAME, DEPTH) AS (SELECT SCHEMA_NAME, NAME, 0 FROM " + m
                + " WHERE " + lit(database) + " || '.' || " + qualified + " = " + target + " UNION ALL SELECT"
                + " t.SCHEMA_NAME, t.NAME, d.DEPTH + 1 FROM " + m + " t JOIN __dependents d ON list_contains("
                + "string_split(t.PREDECESSORS, ','), " + lit(database) + " || '.' || d.SCHEMA_NAME || '.' || d.NAME)"
                + " WHERE (" + recursive + ") OR d.DEPTH = 0)"
                + " SELECT t.CREATED_ON AS created_on, t.NAME AS name, " + lit(database) + " AS database_name,"
                + " t.SCHEMA_NAME AS schema_name, 'ACCOUNTADMIN' AS owner, '' AS comment, t.WAREHOUSE AS warehouse,"
                + " t.SCHEDULE AS schedule, CASE WHEN t.PREDECESSORS IS NULL OR t.PREDECESSORS = '' THEN '[]' ELSE"
                + " to_json(string_split(t.PREDECESSORS, ','))::VARCHAR END AS predecessors, t.STATE AS state,"
                + " t.DEFINITION AS definition, t.CONDITION AS condition FROM (SELECT DISTINCT SCHEMA_NAME, NAME,"
                + " min(DEPTH) AS DEPTH FROM __dependents GROUP BY ALL) d JOIN " + m + " t ON t.SCHEMA_NAME ="
                + " d.SCHEMA_NAME AND t.NAME = d.NAME ORDER BY d.DEPTH, t.NAME)";
    }

    /**
     * Each dynamic table's current entry (the embedded warehouse keeps no earlier versions of the graph): valid from
     * its creation, its scheduling state as an object (USER_SUSPENDED when ALTER ... SUSPEND suspended it).
     */
    static String graphHistory(String database) {
        return "(SELECT NAME AS name, SCHEMA_NAME AS schema_name, " + lit(database) + " AS database_name, "
                + lit(database) + " || '.' || SCHEMA_NAME || '.' || NAME AS qualified_name, NULL::JSON AS inputs,"
                + " CASE WHEN TARGET_LAG = 'DOWNSTREAM' THEN 'DOWNSTREAM' ELSE 'USER_DEFINED' END AS"
                + " target_lag_type, NULL::BIGINT AS target_lag_sec, DEFINITION AS query_text, CREATED_ON AS"
                + " valid_from, NULL::TIMESTAMPTZ AS valid_to, json_object('state', SCHEDULING_STATE, 'reason_code',"
                + " CASE WHEN SCHEDULING_STATE = 'SUSPENDED' THEN 'USER_SUSPENDED' END) AS scheduling_state,"
                + " NULL::JSON AS alter_trigger FROM " + q(database) + "." + EmulatorCatalog.SCHEMA
                + ".DYNAMIC_TABLES)";
    }
}
