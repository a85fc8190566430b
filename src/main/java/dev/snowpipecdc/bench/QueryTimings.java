package dev.snowpipecdc.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.snowpipecdc.warehouse.NamedQuery;
import dev.snowpipecdc.warehouse.WarehouseObjects;

/**
 * How long the warehouse takes for the queries the pipeline and its users run on the streamed data, once the tasks
 * have caught up: each monitoring and quality query, reading CUSTOMER_METRICS and refreshing it. The median of
 * three runs each, with the table sizes they ran on.
 */
record QueryTimings(Map<String, Long> rows, Map<String, Double> medianMillis) {

    static final QueryTimings NONE = new QueryTimings(Map.of(), Map.of());

    private static final int RUNS = 3;
    private static final String METRICS = "CUSTOMER_METRICS";

    static QueryTimings measure(DataSource warehouse, WarehouseObjects objects) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Double> millis = new LinkedHashMap<>();
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement()) {
            for (String table : List.of("RAW_CHANGES", "CUSTOMERS_SCD", "ORDERS_SCD", "ORDERS", METRICS)) {
                rows.put(table, count(st, table));
            }
            List<NamedQuery> queries = new ArrayList<>(objects.monitoring());
            queries.addAll(objects.quality());
            for (NamedQuery query : queries) {
                millis.put(query.label(), median(st, query.sql(), true));
            }
            millis.put("SELECT * FROM " + METRICS, median(st, "SELECT * FROM " + METRICS, true));
            millis.put("ALTER DYNAMIC TABLE " + METRICS + " REFRESH",
                    median(st, "ALTER DYNAMIC TABLE " + METRICS + " REFRESH", false));
        }
        return new QueryTimings(rows, millis);
    }

    private static long count(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The median of three runs, in milliseconds; a query's rows are all read. */
    private static double median(Statement st, String sql, boolean query) throws SQLException {
        double[] runs = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            if (query) {
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
            } else {
                st.execute(sql);
            }
            runs[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(runs);
        return runs[RUNS / 2];
    }
}
