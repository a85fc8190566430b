package dev.snowpipecdc.warehouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Runs rendered queries of sql/ (quality, monitoring) in one session and reads their rows. One session: on
 * Snowflake each new connection is a login.
 */
public final class QueryRows {

    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private QueryRows() {
    }

    /** The rows of every query, in the order of the queries. */
    public static <T> List<T> read(DataSource dataSource, List<NamedQuery> queries, RowReader<T> reader)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        readEach(dataSource, queries, reader).values().forEach(rows::addAll);
        return rows;
    }

    /** The rows of each query, by query, in the order of the queries. */
    public static <T> Map<NamedQuery, List<T>> readEach(DataSource dataSource, List<NamedQuery> queries,
                                                        RowReader<T> reader) throws SQLException {
        Map<NamedQuery, List<T>> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (NamedQuery query : queries) {
                List<T> queryRows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(query.sql())) {
                    while (rs.next()) {
                        queryRows.add(reader.read(rs));
                    }
                } catch (SQLException e) {
                    throw new SQLException("Query " + query.label() + " failed: " + e.getMessage(), e.getSQLState(),
                            e.getErrorCode(), e);
                }
                rows.put(query, queryRows);
            }
        }
        return rows;
    }
}
