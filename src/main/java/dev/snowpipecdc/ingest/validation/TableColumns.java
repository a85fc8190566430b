package dev.snowpipecdc.ingest.validation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import javax.sql.DataSource;

import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.IngestException;

/**
 * Reads a table's columns from its database's {@code INFORMATION_SCHEMA.COLUMNS}: a query Snowflake and the embedded
 * warehouse answer alike (SHOW COLUMNS and DESCRIBE TABLE answer differently on the embedded warehouse).
 */
public final class TableColumns {

    private TableColumns() {
    }

    /** The columns of the channel's table, in table order; an error when the table has none (it does not exist). */
    public static List<ColumnShape> of(DataSource warehouse, ChannelId table) {
        String sql = "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE,"
                + " IS_NULLABLE, COLUMN_DEFAULT, IS_IDENTITY FROM " + table.database() + ".INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
        List<ColumnShape> columns = new ArrayList<>();
        try (Connection c = warehouse.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, stored(table.schema()));
            st.setString(2, stored(table.table()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(new ColumnShape(rs.getString(1), rs.getString(2), optionalInt(rs, 3),
                            optionalInt(rs, 4), optionalInt(rs, 5), "YES".equalsIgnoreCase(rs.getString(6)),
                            rs.getString(7) != null || "YES".equalsIgnoreCase(rs.getString(8))));
                }
            }
        } catch (SQLException e) {
            throw new IngestException("Cannot read the columns of " + table.database() + "." + table.schema() + "."
                    + table.table() + " to validate its rows: " + e.getMessage(), e);
        }
        if (columns.isEmpty()) {
            throw new IngestException("Table " + table.database() + "." + table.schema() + "." + table.table()
                    + " has no columns in INFORMATION_SCHEMA.COLUMNS: it does not exist, or the role cannot see it",
                    null);
        }
        return columns;
    }

    /** How Snowflake stores a name: an unquoted one upper-cased, a quoted one as written between its quotes. */
    static String stored(String name) {
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name.toUpperCase(Locale.ROOT);
    }

    private static OptionalInt optionalInt(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of((int) Math.min(value, Integer.MAX_VALUE));
    }
}
