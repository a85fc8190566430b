package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.q;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code TABLE(INFORMATION_SCHEMA.TASK_HISTORY(...))} and {@code DYNAMIC_TABLE_REFRESH_HISTORY(...)}: the
 * emulator's run records, filtered by Snowflake's named arguments, newest first.
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
        return "(SELECT * FROM " + q(database) + "." + EmulatorCatalog.SCHEMA + ".TASK_HISTORY"
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
}
