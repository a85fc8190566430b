package dev.snowpipecdc.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import dev.snowpipecdc.warehouse.NamedQuery;
import dev.snowpipecdc.warehouse.QueryRows;

/**
 * Waits for the warehouse tasks to catch up with what has landed: every stream of every captured table is empty
 * (sql/monitoring/stream_lag.sql says so), so the parse and merge tasks have consumed every landed change.
 */
public final class WarehouseCatchUp {

    private static final String STREAM_LAG = "stream_lag";
    private static final Duration CHECK_EVERY = Duration.ofMillis(200);

    private final DataSource warehouse;
    private final List<NamedQuery> streamLag;

    public WarehouseCatchUp(DataSource warehouse, List<NamedQuery> monitoringQueries) {
        this.warehouse = warehouse;
        this.streamLag = monitoringQueries.stream().filter(q -> q.name().equals(STREAM_LAG)).toList();
        if (streamLag.isEmpty()) {
            throw new IllegalStateException("No monitoring/" + STREAM_LAG + ".sql query to watch the streams with");
        }
    }

    /** @return true once every stream is empty, false when {@code timeout} passed first */
    public boolean await(Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!streamsWithData().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(CHECK_EVERY.toMillis());
        }
        return true;
    }

    /** The streams that still hold changes the tasks have not consumed. */
    List<String> streamsWithData() throws SQLException {
        return QueryRows.read(warehouse, streamLag, rs -> rs.getBoolean("HAS_DATA") ? rs.getString("STREAM_NAME")
                : null).stream().filter(Objects::nonNull).toList();
    }

    /** The last hour's failed task runs, for a report that explains why the tasks did not catch up. */
    List<String> failedTasks() throws SQLException {
        List<String> failures = new ArrayList<>();
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT NAME, ERROR_MESSAGE FROM TABLE(INFORMATION_SCHEMA.TASK_HISTORY("
                     + "ERROR_ONLY => TRUE, RESULT_LIMIT => 5))")) {
            while (rs.next()) {
                failures.add(rs.getString(1) + ": " + rs.getString(2));
            }
        }
        return failures;
    }
}
