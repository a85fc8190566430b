package dev.snowpipecdc.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.snowpipecdc.warehouse.QualityChecks;
import dev.snowpipecdc.warehouse.WarehouseObjects;
import dev.snowpipecdc.warehouse.tables.TableSpec;

/**
 * After everything has landed: waits for the warehouse tasks to catch up, then checks that each current-state
 * table equals its source table, that no quality query finds anything, and that CUSTOMER_METRICS, once refreshed
 * past that point, equals the same aggregate on the source. Also measures how long a source commit took to become
 * an SCD Type 2 version.
 */
public final class WarehouseVerification {

    /** What the checks found; {@code problems} says what is wrong, for people. */
    public record Outcome(boolean caughtUp, boolean tablesMatchSource, long qualityViolations, boolean metricsMatchSource,
                   LatencySnapshot scdLatency, List<String> problems) {
        public boolean passed() {
            return caughtUp && tablesMatchSource && qualityViolations == 0 && metricsMatchSource;
        }
    }

    private static final String METRICS = "CUSTOMER_METRICS";
    private static final Duration CHECK_EVERY = Duration.ofMillis(200);
    private static final int PROBLEMS_SHOWN = 10;

    private final DataSource source;
    private final DataSource warehouse;
    private final WarehouseObjects objects;

    public WarehouseVerification(DataSource source, DataSource warehouse, WarehouseObjects objects) {
        this.source = source;
        this.warehouse = warehouse;
        this.objects = objects;
    }

    public Outcome verify(Duration timeout) throws SQLException, InterruptedException {
        List<String> problems = new ArrayList<>();
        WarehouseCatchUp catchUp = new WarehouseCatchUp(warehouse, objects.monitoring());
        if (!catchUp.await(timeout)) {
            problems.add("The warehouse tasks did not catch up within " + timeout.toSeconds() + " s; streams with"
                    + " changes left: " + catchUp.streamsWithData() + "; failed task runs: " + catchUp.failedTasks());
            return new Outcome(false, false, 0, false, LatencySnapshot.ofMillis(List.of()), problems);
        }
        OffsetDateTime caughtUpAt = warehouseNow();

        SourceComparison comparison = new SourceComparison(source, warehouse);
        boolean tablesMatch = true;
        for (TableSpec table : objects.tablesWithKey()) {
            SourceComparison.Result result = comparison.currentState(table);
            tablesMatch &= result.matches();
            addSome(problems, result.differences());
        }
        List<QualityChecks.Violation> violations = new QualityChecks(warehouse, objects.quality()).run();
        addSome(problems, violations.stream().map(Object::toString).toList());

        boolean metricsMatch = awaitRefresh(METRICS, caughtUpAt, timeout);
        if (metricsMatch) {
            SourceComparison.Result metrics = comparison.customerMetrics();
            metricsMatch = metrics.matches();
            addSome(problems, metrics.differences());
        } else {
            problems.add(METRICS + " did not refresh within " + timeout.toSeconds() + " s after the tasks caught up");
        }
        return new Outcome(true, tablesMatch, violations.size(), metricsMatch, scdLatency(), problems);
    }

    private LatencySnapshot scdLatency() throws SQLException {
        return LatencySnapshot.ofMillis(ScdVersionLatency.millis(warehouse, objects));
    }

    /** Waits for a successful refresh of a dynamic table whose data is as of {@code after} or later. */
    private boolean awaitRefresh(String dynamicTable, OffsetDateTime after, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = warehouse.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT MAX(DATA_TIMESTAMP) FROM TABLE(INFORMATION_SCHEMA"
                         + ".DYNAMIC_TABLE_REFRESH_HISTORY(NAME => '" + dynamicTable + "')) WHERE STATE = 'SUCCEEDED'")) {
                OffsetDateTime refreshed = rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
                if (refreshed != null && !refreshed.isBefore(after)) {
                    return true;
                }
            }
            Thread.sleep(CHECK_EVERY.toMillis());
        }
        return false;
    }

    private OffsetDateTime warehouseNow() throws SQLException {
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CURRENT_TIMESTAMP()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    private static void addSome(List<String> problems, List<String> more) {
        more.stream().limit(Math.max(0, PROBLEMS_SHOWN - problems.size())).forEach(problems::add);
    }
}
