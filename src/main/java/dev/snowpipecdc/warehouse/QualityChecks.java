package dev.snowpipecdc.warehouse;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Runs the quality queries of sql/quality/ (rendered per table) on the warehouse. Each returns one row per
 * violation, with the columns CHECK_NAME, TABLE_NAME, KEY_VALUE, DETAIL; a right warehouse returns none.
 */
public final class QualityChecks {

    /** One row a quality query returned. */
    public record Violation(String check, String table, String key, String detail) {
    }

    private static final QueryRows.RowReader<Violation> VIOLATION = rs -> new Violation(rs.getString("CHECK_NAME"),
            rs.getString("TABLE_NAME"), rs.getString("KEY_VALUE"), rs.getString("DETAIL"));

    private final DataSource warehouse;
    private final List<NamedQuery> queries;

    public QualityChecks(DataSource warehouse, List<NamedQuery> queries) {
        this.warehouse = warehouse;
        this.queries = List.copyOf(queries);
    }

    public List<Violation> run() throws SQLException {
        return QueryRows.read(warehouse, queries, VIOLATION);
    }

    /** The violations each query found (none: the check passes), in one session. */
    public Map<NamedQuery, List<Violation>> runEach() throws SQLException {
        return QueryRows.readEach(warehouse, queries, VIOLATION);
    }
}
