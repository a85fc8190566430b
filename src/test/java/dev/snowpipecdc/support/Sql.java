package dev.snowpipecdc.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Query results as text, for assertions: each row is its values joined with '|'. */
public final class Sql {

    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private Sql() {
    }

    public static List<String> rows(ConnectionSource source, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = source.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** The single number a COUNT(*) (or similar) query returns. */
    public static long number(ConnectionSource source, String sql) throws SQLException {
        return Long.parseLong(rows(source, sql).get(0));
    }
}
