package dev.snowpipecdc.emulator.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks up warehouse tables in DuckDB's catalog and describes their columns in Snowpipe Streaming terms.
 * Names arrive already resolved (see {@link Identifiers}) and are matched exactly, as Snowflake does.
 */
final class TableCatalog {

    private final Connection duck;

    TableCatalog(Connection duck) {
        this.duck = duck;
    }

    boolean databaseExists(String database) throws SQLException {
        return exists("SELECT 1 FROM duckdb_databases() WHERE database_name = ?", database);
    }

    boolean schemaExists(String database, String schema) throws SQLException {
        return exists("SELECT 1 FROM duckdb_schemas() WHERE database_name = ? AND schema_name = ?", database, schema);
    }

    boolean tableExists(String database, String schema, String table) throws SQLException {
        return exists("SELECT 1 FROM duckdb_tables() WHERE database_name = ? AND schema_name = ? AND table_name = ?",
                database, schema, table);
    }

    /** The table's columns in ordinal order; a column Snowpipe Streaming cannot write makes the table unusable. */
    TableShape describe(String database, String schema, String table) throws SQLException {
        List<StreamingColumn> columns = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (PreparedStatement ps = duck.prepareStatement("""
                SELECT column_name, data_type, numeric_precision, numeric_scale, is_nullable, column_index,
                       column_default
                FROM duckdb_columns()
                WHERE database_name = ? AND schema_name = ? AND table_name = ?
                ORDER BY column_index""")) {
            ps.setString(1, database);
            ps.setString(2, schema);
            ps.setString(3, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String type = rs.getString(2);
                    if (rs.getString(7) != null) {
                        problems.add(name + " has a default value");
                        continue;
                    }
                    StreamingColumn.of(name, type, (Integer) rs.getObject(3), (Integer) rs.getObject(4),
                                    rs.getBoolean(5), rs.getInt(6))
                            .ifPresentOrElse(columns::add, () -> problems.add(name + " has type " + type));
                }
            }
        }
        return new TableShape(columns, problems);
    }

    /** @param problems why Snowpipe Streaming could not write this table; empty when it can */
    record TableShape(List<StreamingColumn> columns, List<String> problems) {
    }

    private boolean exists(String sql, String... args) throws SQLException {
        try (PreparedStatement ps = duck.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
