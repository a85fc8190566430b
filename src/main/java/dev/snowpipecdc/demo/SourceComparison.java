package dev.snowpipecdc.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.snowpipecdc.warehouse.tables.ColumnSpec;
import dev.snowpipecdc.warehouse.tables.TableSpec;

/**
 * Compares what the warehouse holds with the source, row for row: a current-state table with its source table,
 * and CUSTOMER_METRICS with the same aggregate computed by PostgreSQL. Values are compared by meaning (12.50 and
 * 12.5 are equal; timestamps by their wall-clock or UTC value), not by their text.
 */
final class SourceComparison {

    /** A comparison's outcome: rows compared and a description of each difference. */
    record Result(long rows, List<String> differences) {
        boolean matches() {
            return differences.isEmpty();
        }
    }

    private static final String SOURCE_METRICS = """
            SELECT c.customer_id, c.name, c.email, COUNT(o.order_id), COALESCE(SUM(o.amount), 0), MAX(o.created_at)
            FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id
            GROUP BY c.customer_id, c.name, c.email
            """;
    private static final String WAREHOUSE_METRICS = "SELECT CUSTOMER_ID, NAME, EMAIL, TOTAL_ORDERS, TOTAL_SPENT,"
            + " LAST_ORDER_DATE FROM CUSTOMER_METRICS";

    private final DataSource source;
    private final DataSource warehouse;

    SourceComparison(DataSource source, DataSource warehouse) {
        this.source = source;
        this.warehouse = warehouse;
    }

    Result currentState(TableSpec table) throws SQLException {
        // quoted: a column may be named like a keyword (PostgreSQL keeps quoted names as written)
        String sourceSql = "SELECT " + table.columns().stream().map(c -> "\"" + c.sourceName() + "\"")
                .collect(Collectors.joining(", ")) + " FROM " + table.qualifiedSourceName();
        String warehouseSql = "SELECT " + table.columns().stream().map(ColumnSpec::sqlName)
                .collect(Collectors.joining(", ")) + " FROM " + table.name();
        return compare(table.name(), rows(source, sourceSql, keyPositions(table)),
                rows(warehouse, warehouseSql, keyPositions(table)));
    }

    Result customerMetrics() throws SQLException {
        return compare("CUSTOMER_METRICS", rows(source, SOURCE_METRICS, List.of(0)),
                rows(warehouse, WAREHOUSE_METRICS, List.of(0)));
    }

    private static List<Integer> keyPositions(TableSpec table) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.isKey(table.columns().get(i))) {
                positions.add(i);
            }
        }
        return positions;
    }

    private static Result compare(String what, Map<String, List<String>> expected, Map<String, List<String>> actual) {
        List<String> differences = new ArrayList<>();
        expected.forEach((key, row) -> {
            List<String> found = actual.get(key);
            if (found == null) {
                differences.add(what + " " + key + ": missing, source has " + row);
            } else if (!found.equals(row)) {
                differences.add(what + " " + key + ": " + found + ", source has " + row);
            }
        });
        actual.keySet().stream().filter(key -> !expected.containsKey(key))
                .forEach(key -> differences.add(what + " " + key + ": not in the source"));
        return new Result(expected.size(), differences);
    }

    /** Rows by key (the values at keyPositions, joined), each as its normalised values. */
    private static Map<String, List<String>> rows(DataSource db, String sql, List<Integer> keyPositions)
            throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(normalised(rs.getObject(i)));
                }
                String key = keyPositions.stream().map(row::get).collect(Collectors.joining("|"));
                rows.put(key, row);
            }
        }
        return rows;
    }

    static String normalised(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number number) {
            return normalised(new BigDecimal(number.toString()));
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof LocalDateTime local) {
            return local.toString();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant().toString();
        }
        return Objects.toString(value);
    }
}
