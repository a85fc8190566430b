package dev.snowpipecdc.enrich;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.snowpipecdc.change.Timestamps;

/**
 * Reads one row of a source table by its key, straight from the source database: the fallback when the change
 * stream has not (yet) shown the row, e.g. after a restart. Table and column names come from configuration and
 * are checked to be plain identifiers before they go into SQL.
 */
public final class SourceRowLookup {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final DataSource source;
    private final String sql;

    public SourceRowLookup(DataSource source, String schema, String table, String keyColumn, List<String> columns) {
        this.source = source;
        List.of(schema, table, keyColumn).forEach(SourceRowLookup::requireIdentifier);
        columns.forEach(SourceRowLookup::requireIdentifier);
        this.sql = "SELECT " + String.join(", ", columns.stream().map(SourceRowLookup::quote).toList()) + " FROM "
                + quote(schema) + "." + quote(table) + " WHERE " + quote(keyColumn) + " = ?";
    }

    public Optional<Map<String, Object>> find(Object key) {
        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), normalise(rs.getObject(i)));
                }
                return Optional.of(row);
            }
        } catch (SQLException e) {
            throw new LookupFailedException("Source lookup failed (" + sql + " with key " + key + "): "
                    + e.getMessage(), e);
        }
    }

    /** The same value shapes the change stream uses (exact decimal strings, ISO timestamps). */
    private static Object normalise(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Timestamp ts) {
            return Timestamps.local(ts.toLocalDateTime());
        }
        return value;
    }

    private static void requireIdentifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain SQL identifier: '" + name + "'");
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier + '"';
    }
}
