package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.lit;
import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.q;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SHOW TABLES | STREAMS | TASKS | DYNAMIC TABLES | SCHEMAS | DATABASES [LIKE 'pattern'] [IN ACCOUNT | DATABASE
 * [db] | SCHEMA [db.]schema], with Snowflake's column names (the ones a monitoring query reads). The result is
 * kept for {@code TABLE(RESULT_SCAN(LAST_QUERY_ID()))}.
 */
final class Show {

    private enum Scope { ACCOUNT, DATABASE, SCHEMA }

    private Show() {
    }

    static Commands.Command parse(TokenCursor c) throws SqlException {
        c.expect("SHOW");
        boolean terse = c.accept("TERSE");
        String what;
        if (c.accept("DYNAMIC", "TABLES")) {
            what = "DYNAMIC TABLES";
        } else {
            what = c.word();
        }
        Optional<String> like = c.accept("LIKE") ? Optional.of(c.value()) : Optional.empty();
        if (what.equals("PARAMETERS")) {
            if (c.accept("IN") && !(c.accept("SESSION") || c.accept("ACCOUNT"))) {
                throw SqlException.unsupported("SHOW PARAMETERS IN anything but SESSION or ACCOUNT", c.line(),
                        c.rest());
            }
            return s -> s.keepResult("SELECT * FROM (" + parameters(s.parameters()) + ") AS __show"
                    + like.map(p -> " WHERE key ILIKE " + lit(p)).orElse("") + " ORDER BY key");
        }
        Scope scope = null;
        List<String> in = List.of();
        if (c.accept("IN")) {
            if (c.accept("ACCOUNT")) {
                scope = Scope.ACCOUNT;
            } else if (c.accept("DATABASE")) {
                scope = Scope.DATABASE;
                in = c.atEnd() ? List.of() : c.name();
            } else if (c.accept("SCHEMA")) {
                scope = Scope.SCHEMA;
                in = c.atEnd() ? List.of() : c.name();
            } else {
                in = c.name();
                scope = in.size() == 1 ? Scope.DATABASE : Scope.SCHEMA;
            }
        }
        Scope requested = scope;
        List<String> place = in;
        return s -> {
            Scope effective = requested != null ? requested
                    : what.equals("DATABASES") ? Scope.ACCOUNT : what.equals("SCHEMAS") ? Scope.DATABASE : Scope.SCHEMA;
            String db = s.database();
            String sc = effective == Scope.SCHEMA ? s.schema() : null;
            if (effective == Scope.DATABASE && !place.isEmpty()) {
                db = place.get(0);
            } else if (effective == Scope.SCHEMA && place.size() == 2) {
                db = place.get(0);
                sc = place.get(1);
            } else if (effective == Scope.SCHEMA && place.size() == 1) {
                sc = place.get(0);
            }
            List<String> databases = effective == Scope.ACCOUNT ? EmulatorCatalog.databases(s.connection())
                    : List.of(db);
            String query = switch (what) {
                case "TABLES" -> tables(databases, sc);
                case "STREAMS" -> catalogUnion(databases, sc, Show::streams);
                case "TASKS" -> catalogUnion(databases, sc, terse ? Show::terseTasks : Show::tasks);
                case "DYNAMIC TABLES" -> catalogUnion(databases, sc, Show::dynamicTables);
                case "SCHEMAS" -> "SELECT NULL::TIMESTAMPTZ AS created_on, schema_name AS name, database_name,"
                        + " 'ACCOUNTADMIN' AS owner FROM duckdb_schemas() WHERE schema_name NOT IN ('" + EmulatorCatalog.SCHEMA
                        + "', 'pg_catalog', 'information_schema') AND NOT internal AND database_name IN ("
                        + literals(databases) + ")";
                case "DATABASES" -> "SELECT NULL::TIMESTAMPTZ AS created_on, database_name AS name, 'ACCOUNTADMIN'"
                        + " AS owner FROM duckdb_databases() WHERE database_name IN (" + literals(databases) + ")";
                default -> throw SqlException.unsupported("SHOW " + what, 1, "SHOW " + what);
            };
            String filtered = "SELECT * FROM (" + query + ") AS __show"
                    + like.map(p -> " WHERE name ILIKE " + lit(p)).orElse("") + " ORDER BY name";
            return s.keepResult(filtered);
        };
    }

    private interface PerDatabase {
        String query(String database, String schema);
    }

    private static String catalogUnion(List<String> databases, String schema, PerDatabase perDatabase) {
        List<String> parts = new ArrayList<>();
        for (String db : databases) {
            parts.add(perDatabase.query(db, schema));
        }
        return String.join(" UNION ALL ", parts);
    }

    private static String inSchema(String schema) {
        return schema == null ? "" : " WHERE SCHEMA_NAME = " + lit(schema);
    }

    private static String tables(List<String> databases, String schema) {
        return "SELECT NULL::TIMESTAMPTZ AS created_on, table_name AS name, database_name, schema_name,"
                + " CASE WHEN temporary THEN 'TEMPORARY' ELSE 'TABLE' END AS kind, comment, '' AS cluster_by,"
                + " estimated_size AS rows, NULL::BIGINT AS bytes, 'ACCOUNTADMIN' AS owner, 1 AS retention_time"
                + " FROM duckdb_tables() WHERE schema_name <> '" + EmulatorCatalog.SCHEMA + "' AND NOT internal"
                + " AND database_name IN (" + literals(databases) + ")"
                + (schema == null ? "" : " AND schema_name = " + lit(schema));
    }

    private static String streams(String db, String schema) {
        String m = q(db) + "." + EmulatorCatalog.SCHEMA;
        return "SELECT CREATED_ON AS created_on, NAME AS name, " + lit(db) + " AS database_name, SCHEMA_NAME AS"
                + " schema_name, 'ACCOUNTADMIN' AS owner, '' AS comment, TABLE_DATABASE || '.' || TABLE_SCHEMA || '.'"
                + " || TABLE_NAME AS table_name, 'Table' AS source_type, TABLE_DATABASE || '.' || TABLE_SCHEMA || '.'"
                + " || TABLE_NAME AS base_tables, 'DELTA' AS type, 'false' AS stale, MODE AS mode,"
                + " NULL::TIMESTAMPTZ AS stale_after, NULL AS invalid_reason, 'ROLE' AS owner_role_type"
                + " FROM " + m + ".STREAMS" + inSchema(schema);
    }

    private static String tasks(String db, String schema) {
        String m = q(db) + "." + EmulatorCatalog.SCHEMA;
        // Snowflake's columns in its order; what the embedded warehouse does not keep is NULL
        return "SELECT CREATED_ON AS created_on, NAME AS name, ID AS id, " + lit(db) + " AS database_name,"
                + " SCHEMA_NAME AS schema_name, 'ACCOUNTADMIN' AS owner, '' AS comment, WAREHOUSE AS warehouse,"
                + " SCHEDULE AS schedule, NULL::VARCHAR AS scheduling_mode, NULL::VARCHAR AS"
                + " target_completion_interval, CASE WHEN PREDECESSORS IS NULL OR PREDECESSORS = '' THEN '[]' ELSE"
                + " to_json(string_split(PREDECESSORS, ','))::VARCHAR END AS predecessors, STATE AS state,"
                + " DEFINITION AS definition, CONDITION AS condition, 'false' AS allow_overlapping_execution,"
                + " NULL::VARCHAR AS error_integration, NULL::VARCHAR AS success_integration,"
                + " NULL::TIMESTAMPTZ AS last_committed_on, NULL::TIMESTAMPTZ AS last_suspended_on,"
                + " 'ROLE' AS owner_role_type, NULL::VARCHAR AS config, NULL::VARCHAR AS last_suspended_reason,"
                + " NULL::VARCHAR AS task_relations, NULL::VARCHAR AS execute_as_user"
                + " FROM " + m + ".TASKS" + inSchema(schema);
    }

    /** SHOW TERSE TASKS: the few columns Snowflake gives then. */
    private static String terseTasks(String db, String schema) {
        String m = q(db) + "." + EmulatorCatalog.SCHEMA;
        return "SELECT CREATED_ON AS created_on, NAME AS name, 'TASK' AS kind, " + lit(db) + " AS database_name,"
                + " SCHEMA_NAME AS schema_name, SCHEDULE AS schedule FROM " + m + ".TASKS" + inSchema(schema);
    }

    /** The session's parameters as SHOW PARAMETERS lists them (key, value, default, level, description, type). */
    private static String parameters(SessionParameters parameters) {
        List<String> rows = new ArrayList<>();
        for (Map.Entry<String, String> p : parameters.all().entrySet()) {
            String defaultValue = SessionParameters.DEFAULTS.get(p.getKey());
            String level = p.getValue().equals(defaultValue) ? "" : "SESSION";
            rows.add("(" + lit(p.getKey()) + ", " + lit(p.getValue()) + ", " + lit(defaultValue) + ", " + lit(level)
                    + ", '', 'STRING')");
        }
        return "SELECT * FROM (VALUES " + String.join(", ", rows) + ") AS p(key, value, \"default\", level,"
                + " description, type)";
    }

    private static String dynamicTables(String db, String schema) {
        String m = q(db) + "." + EmulatorCatalog.SCHEMA;
        // Snowflake's columns in its order; what the embedded warehouse does not keep is NULL or its default
        return "SELECT d.CREATED_ON AS created_on, d.NAME AS name, " + lit(db) + " AS database_name, d.SCHEMA_NAME AS"
                + " schema_name, '' AS cluster_by, t.estimated_size AS rows, NULL::BIGINT AS bytes, 'ACCOUNTADMIN'"
                + " AS owner, d.TARGET_LAG AS target_lag, 'ENABLE' AS scheduler, COALESCE(d.REFRESH_MODE, 'FULL') AS"
                + " refresh_mode, d.REFRESH_MODE_REASON AS refresh_mode_reason, d.WAREHOUSE AS warehouse, '' AS"
                + " comment, d.DEFINITION AS text, 'OFF' AS automatic_clustering, d.SCHEDULING_STATE AS"
                + " scheduling_state, NULL::TIMESTAMPTZ AS last_suspended_on, 'false' AS is_clone, 'false' AS"
                + " is_replica, 'false' AS is_iceberg, d.DATA_TIMESTAMP AS data_timestamp, 'ROLE' AS owner_role_type,"
                + " NULL::VARCHAR AS immutable_where, NULL::VARCHAR AS execute_as_user FROM " + m
                + ".DYNAMIC_TABLES d LEFT JOIN duckdb_tables() t ON t.database_name = " + lit(db)
                + " AND t.schema_name = d.SCHEMA_NAME AND t.table_name = d.NAME"
                + (schema == null ? "" : " WHERE d.SCHEMA_NAME = " + lit(schema));
    }

    private static String literals(List<String> values) {
        if (values.isEmpty()) {
            return "NULL";
        }
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(lit(v)));
        return String.join(", ", out);
    }
}
