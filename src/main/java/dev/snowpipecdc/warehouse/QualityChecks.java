package dev.snowpipecdc.warehouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Runs the quality queries of sql/quality/ (rendered per table) on the warehouse. Each returns one row per
 * violation, with the columns CHECK_NAME, TABLE_NAME, KEY_VALUE, DETAIL; a right warehouse returns none.
 */
public final class QualityChecks {

    /** One row a quality query returned. */
    public record Violation(String check, String table, String key, String detail) {
    }

    private final DataSource warehouse;
    private final List<NamedQuery> queries;

    public QualityChecks(DataSource warehouse, List<NamedQuery> queries) {
        this.warehouse = warehouse;
        this.queries = List.copyOf(queries);
    }

    public List<Violation> run() throws SQLException {
        List<Violation> violations = new ArrayList<>();
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement()) {
            for (NamedQuery query : queries) {
                try (ResultSet rs = st.executeQuery(query.sql())) {
                    while (rs.next()) {
                        violations.add(new Violation(rs.getString("CHECK_NAME"), rs.getString("TABLE_NAME"),
                                rs.getString("KEY_VALUE"), rs.getString("DETAIL")));
                    }
                } catch (SQLException e) {
                    throw new SQLException("Quality query " + query.label() + " failed: " + e.getMessage(),
                            e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
        return violations;
    }
}
