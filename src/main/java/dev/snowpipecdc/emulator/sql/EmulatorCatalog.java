package dev.snowpipecdc.emulator.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The emulator's own catalog: for each database, schema {@code _EMULATOR} holds what DuckDB has no notion of
 * (streams and their offsets, tasks and their runs, dynamic tables and their refreshes, declared primary keys).
 * Living in the database it describes, it commits together with the data: a stream's offset advances in the
 * transaction that consumed it.
 */
public final class EmulatorCatalog {

    public static final String SCHEMA = "_EMULATOR";

    /** A fully qualified object name, resolved. */
    public record ObjectName(String database, String schema, String name) {

        public String sql() {
            return q(database) + "." + q(schema) + "." + q(name);
        }

        public String qualified() {
            return database + "." + schema + "." + name;
        }

        /** The emulator catalog table {@code table} of this object's database. */
        public String meta(String table) {
            return q(database) + "." + SCHEMA + "." + table;
        }
    }

    /** A stream: on a table, or on a view ({@code onView}; {@code table} is then the view's name). */
    public record StreamInfo(ObjectName name, ObjectName table, boolean appendOnly, String createdOn,
                             String offsetAt, boolean onView) {
        public String baseTable() {
            return q(name.database()) + "." + SCHEMA + "." + q("STREAM_BASE$" + name.schema() + "$" + name.name());
        }
    }

    private EmulatorCatalog() {
    }

    /** The catalog tables of one database (idempotent). */
    public static List<String> ddl(String database) {
        String m = q(database) + "." + SCHEMA;
        return List.of(
                "CREATE SCHEMA IF NOT EXISTS " + m,
                "CREATE TABLE IF NOT EXISTS " + m + ".STREAMS (SCHEMA_NAME VARCHAR, NAME VARCHAR,"
                        + " TABLE_DATABASE VARCHAR, TABLE_SCHEMA VARCHAR, TABLE_NAME VARCHAR, MODE VARCHAR,"
                        + " CREATED_ON TIMESTAMPTZ, OFFSET_AT TIMESTAMPTZ, PRIMARY KEY (SCHEMA_NAME, NAME))",
                "CREATE TABLE IF NOT EXISTS " + m + ".PRIMARY_KEYS (SCHEMA_NAME VARCHAR, TABLE_NAME VARCHAR,"
                        + " COLUMNS VARCHAR, PRIMARY KEY (SCHEMA_NAME, TABLE_NAME))",
                "CREATE TABLE IF NOT EXISTS " + m + ".TASKS (SCHEMA_NAME VARCHAR, NAME VARCHAR, ID VARCHAR,"
                        + " WAREHOUSE VARCHAR, SCHEDULE VARCHAR, PREDECESSORS VARCHAR, CONDITION VARCHAR,"
                        + " DEFINITION VARCHAR, STATE VARCHAR, CREATED_ON TIMESTAMPTZ, PRIMARY KEY (SCHEMA_NAME, NAME))",
                "CREATE TABLE IF NOT EXISTS " + m + ".TASK_HISTORY (QUERY_ID VARCHAR, NAME VARCHAR,"
                        + " DATABASE_NAME VARCHAR, SCHEMA_NAME VARCHAR, QUERY_TEXT VARCHAR, CONDITION_TEXT VARCHAR,"
                        + " STATE VARCHAR, ERROR_CODE VARCHAR, ERROR_MESSAGE VARCHAR, SCHEDULED_TIME TIMESTAMPTZ,"
                        + " QUERY_START_TIME TIMESTAMPTZ, NEXT_SCHEDULED_TIME TIMESTAMPTZ, COMPLETED_TIME TIMESTAMPTZ,"
                        + " ROOT_TASK_ID VARCHAR, GRAPH_VERSION BIGINT, RUN_ID BIGINT, RETURN_VALUE VARCHAR,"
                        + " SCHEDULED_FROM VARCHAR, ATTEMPT_NUMBER BIGINT)",
                "CREATE TABLE IF NOT EXISTS " + m + ".DYNAMIC_TABLES (SCHEMA_NAME VARCHAR, NAME VARCHAR,"
                        + " TARGET_LAG VARCHAR, WAREHOUSE VARCHAR, DEFINITION VARCHAR, CREATED_ON TIMESTAMPTZ,"
                        + " DATA_TIMESTAMP TIMESTAMPTZ, SCHEDULING_STATE VARCHAR, PRIMARY KEY (SCHEMA_NAME, NAME))",
                "CREATE TABLE IF NOT EXISTS " + m + ".DYNAMIC_TABLE_REFRESH_HISTORY (NAME VARCHAR, SCHEMA_NAME VARCHAR,"
                        + " DATABASE_NAME VARCHAR, STATE VARCHAR, STATE_CODE VARCHAR, STATE_MESSAGE VARCHAR,"
                        + " QUERY_ID VARCHAR, DATA_TIMESTAMP TIMESTAMPTZ, REFRESH_START_TIME TIMESTAMPTZ,"
                        + " REFRESH_END_TIME TIMESTAMPTZ, COMPLETION_TARGET TIMESTAMPTZ, QUALIFIED_NAME VARCHAR,"
                        + " REFRESH_ACTION VARCHAR, REFRESH_TRIGGER VARCHAR, TARGET_LAG_SEC BIGINT)",
                "CREATE TABLE IF NOT EXISTS " + m + ".STAGES (SCHEMA_NAME VARCHAR, NAME VARCHAR,"
                        + " CREATED_ON TIMESTAMPTZ, PRIMARY KEY (SCHEMA_NAME, NAME))",
                "CREATE TABLE IF NOT EXISTS " + m + ".PIPES (SCHEMA_NAME VARCHAR, NAME VARCHAR, DEFINITION VARCHAR,"
                        + " CREATED_ON TIMESTAMPTZ, PRIMARY KEY (SCHEMA_NAME, NAME))",
                // COPY's load metadata: a file loaded into a table is not loaded into it again
                "CREATE TABLE IF NOT EXISTS " + m + ".LOAD_HISTORY (SCHEMA_NAME VARCHAR, TABLE_NAME VARCHAR,"
                        + " FILE_NAME VARCHAR, ROW_COUNT BIGINT, STATUS VARCHAR, FIRST_ERROR_MESSAGE VARCHAR,"
                        + " LAST_LOAD_TIME TIMESTAMPTZ, PRIMARY KEY (SCHEMA_NAME, TABLE_NAME, FILE_NAME))",
                // added later: catalogs made before get them on start-up
                "ALTER TABLE " + m + ".DYNAMIC_TABLES ADD COLUMN IF NOT EXISTS REFRESH_MODE VARCHAR",
                "ALTER TABLE " + m + ".DYNAMIC_TABLES ADD COLUMN IF NOT EXISTS REFRESH_MODE_REASON VARCHAR");
    }

    /** Resolves a 1-3 part name against the session's current database and schema. */
    public static ObjectName resolve(List<String> parts, String database, String schema) throws SqlException {
        return switch (parts.size()) {
            case 1 -> new ObjectName(database, schema, parts.get(0));
            case 2 -> new ObjectName(database, parts.get(0), parts.get(1));
            case 3 -> new ObjectName(parts.get(0), parts.get(1), parts.get(2));
            default -> throw new SqlException("Not an object name: " + String.join(".", parts), null);
        };
    }

    public static boolean databaseExists(Connection c, String database) throws SQLException {
        return exists(c, "SELECT 1 FROM duckdb_databases() WHERE database_name = ?", database);
    }

    public static boolean tableExists(Connection c, ObjectName name) throws SQLException {
        return exists(c, "SELECT 1 FROM duckdb_tables() WHERE database_name = ? AND schema_name = ? AND table_name = ?",
                name.database(), name.schema(), name.name());
    }

    public static boolean viewExists(Connection c, ObjectName name) throws SQLException {
        return exists(c, "SELECT 1 FROM duckdb_views() WHERE database_name = ? AND schema_name = ? AND view_name = ?",
                name.database(), name.schema(), name.name());
    }

    /** The stream of that name, if there is one (and its database has a catalog). */
    public static Optional<StreamInfo> stream(Connection c, ObjectName name) throws SQLException {
        return hasCatalog(c, name.database()) ? streamInCatalog(c, name) : Optional.empty();
    }

    /** The stream of that name, in a database known to have a catalog. */
    static Optional<StreamInfo> streamInCatalog(Connection c, ObjectName name) throws SQLException {
        List<StreamInfo> found = streams(c, name.database(), "SCHEMA_NAME = ? AND NAME = ?", name.schema(),
                name.name());
        return found.stream().findFirst();
    }

    /** The streams on a table (those in the table's database). */
    public static List<StreamInfo> streamsOn(Connection c, ObjectName table) throws SQLException {
        if (!hasCatalog(c, table.database())) {
            return List.of();
        }
        return streams(c, table.database(), "TABLE_DATABASE = ? AND TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                table.database(), table.schema(), table.name());
    }

    private static List<StreamInfo> streams(Connection c, String database, String where, String... args)
            throws SQLException {
        List<StreamInfo> streams = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT SCHEMA_NAME, NAME, TABLE_DATABASE, TABLE_SCHEMA,"
                + " TABLE_NAME, MODE, CAST(CREATED_ON AS VARCHAR), CAST(OFFSET_AT AS VARCHAR) FROM " + q(database)
                + "." + SCHEMA + ".STREAMS WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectName source = new ObjectName(rs.getString(3), rs.getString(4), rs.getString(5));
                    streams.add(new StreamInfo(new ObjectName(database, rs.getString(1), rs.getString(2)), source,
                            "APPEND_ONLY".equals(rs.getString(6)), rs.getString(7), rs.getString(8),
                            viewExists(c, source)));
                }
            }
        }
        return streams;
    }

    /** The columns of a table (or dynamic table), in order. */
    public static List<String> columns(Connection c, ObjectName table) throws SQLException {
        return new ArrayList<>(columnTypes(c, table).keySet());
    }

    /** The columns of a table (or view) in order, with their DuckDB types (upper case). */
    public static Map<String, String> columnTypes(Connection c, ObjectName table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM duckdb_columns()"
                + " WHERE database_name = ? AND schema_name = ? AND table_name = ? ORDER BY column_index")) {
            ps.setString(1, table.database());
            ps.setString(2, table.schema());
            ps.setString(3, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2).toUpperCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }

    /** The declared primary key of a table (Snowflake does not enforce it; the emulator uses it for streams). */
    public static List<String> primaryKey(Connection c, ObjectName table) throws SQLException {
        if (!hasCatalog(c, table.database())) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMNS FROM " + table.meta("PRIMARY_KEYS")
                + " WHERE SCHEMA_NAME = ? AND TABLE_NAME = ?")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null && !rs.getString(1).isEmpty()
                        ? List.of(rs.getString(1).split(",")) : List.of();
            }
        }
    }

    public static void recordPrimaryKey(Connection c, ObjectName table, List<String> columns) throws SQLException {
        if (!hasCatalog(c, table.database())) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO " + table.meta("PRIMARY_KEYS")
                + " VALUES (?, ?, ?)")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            ps.setString(3, String.join(",", columns));
            ps.executeUpdate();
        }
    }

    public static boolean hasCatalog(Connection c, String database) throws SQLException {
        return exists(c, "SELECT 1 FROM duckdb_schemas() WHERE database_name = ? AND schema_name = ?", database,
                SCHEMA);
    }

    /** Databases with an emulator catalog (the ones the emulator created or opened). */
    public static List<String> databases(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT database_name FROM duckdb_schemas() WHERE schema_name = '"
                     + SCHEMA + "' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    static boolean exists(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static String q(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** An instant as a DuckDB TIMESTAMPTZ expression, exact to the microsecond. */
    public static String timestamp(java.time.Instant instant) {
        return "timezone('UTC', make_timestamp(" + (instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000)
                + "))";
    }

    /** A SQL string literal. */
    public static String lit(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }
}
