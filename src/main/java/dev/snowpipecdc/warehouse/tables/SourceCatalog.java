package dev.snowpipecdc.warehouse.tables;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * Reads a source table's columns and primary key from the PostgreSQL catalog, so that a table can be captured
 * with no more configuration than its name.
 */
public final class SourceCatalog {

    private static final String COLUMNS = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typtype = 'e',
                   COALESCE((SELECT k.n FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
                             WHERE k.attnum = a.attnum), 0)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
            WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """;

    private final DataSource source;

    public SourceCatalog(DataSource source) {
        this.source = source;
    }

    private static final String REPLICA_IDENTITY = """
            SELECT c.relreplident IN ('f', 'i') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ?
            """;

    /**
     * A table's columns in catalog order and its primary key columns in key order (warehouse names).
     *
     * @param replicaIdentityFull whether PostgreSQL can identify the rows of updates and deletes without a primary
     *                            key: REPLICA IDENTITY FULL (the whole old row) or USING INDEX
     */
    public record Described(List<ColumnSpec> columns, List<String> key, boolean replicaIdentityFull) {
    }

    public Described describe(String schema, String table) throws SQLException {
        List<ColumnSpec> columns = new ArrayList<>();
        TreeMap<Integer, String> key = new TreeMap<>();
        boolean replicaIdentityFull = false;
        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(COLUMNS);
             PreparedStatement identity = c.prepareStatement(REPLICA_IDENTITY)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ColumnSpec column = ColumnSpec.of(rs.getString(1),
                            PostgresTypes.snowflakeType(rs.getString(2), rs.getBoolean(3)));
                    columns.add(column);
                    if (rs.getInt(4) > 0) {
                        key.put(rs.getInt(4), column.name());
                    }
                }
            }
            identity.setString(1, schema);
            identity.setString(2, table);
            try (ResultSet rs = identity.executeQuery()) {
                replicaIdentityFull = rs.next() && rs.getBoolean(1);
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Source table " + schema + "." + table + " does not exist (or has"
                    + " no columns) in the source database; check cdc.source.tables");
        }
        return new Described(columns, List.copyOf(key.values()), replicaIdentityFull);
    }
}
