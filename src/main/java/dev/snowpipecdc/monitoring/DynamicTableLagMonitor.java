package dev.snowpipecdc.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.snowpipecdc.warehouse.QueryRows;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Publishes, per dynamic table, how far its data is behind now (as of its last successful refresh) and whether its
 * last refresh failed ({@link Meters#DYNAMIC_TABLE_LAG}, {@link Meters#DYNAMIC_TABLE_FAILED}), from
 * sql/monitoring/dynamic_table_refresh.sql.
 */
public final class DynamicTableLagMonitor extends MonitorPoll {

    static final String QUERY = "dynamic_table_refresh";
    private static final Set<String> FAILED = Set.of("FAILED", "UPSTREAM_FAILED");

    private record Refresh(String table, double lagSeconds, boolean failed) {
    }

    private final WarehouseQueries queries;
    private final MultiGauge lag;
    private final MultiGauge failed;

    public DynamicTableLagMonitor(WarehouseQueries queries, MeterRegistry registry) {
        super("dynamic-tables", registry);
        this.queries = queries;
        this.lag = MultiGauge.builder(Meters.DYNAMIC_TABLE_LAG).baseUnit("seconds")
                .description("How far the dynamic table's data is behind now").register(registry);
        this.failed = MultiGauge.builder(Meters.DYNAMIC_TABLE_FAILED)
                .description("1 when the dynamic table's last refresh failed").register(registry);
    }

    /** NaN while no refresh of the last day succeeded: the data's age is unknown, not 0. */
    private static double lagSeconds(ResultSet rs) throws SQLException {
        double lag = rs.getDouble("LAG_SECONDS");
        return rs.wasNull() ? Double.NaN : lag;
    }

    @Override
    protected void poll() throws SQLException {
        List<Refresh> refreshes = QueryRows.read(queries.warehouse(), queries.monitoring(QUERY),
                rs -> new Refresh(rs.getString("DYNAMIC_TABLE_NAME"), lagSeconds(rs),
                        FAILED.contains(rs.getString("LAST_STATE"))));
        List<MultiGauge.Row<?>> lags = new ArrayList<>();
        List<MultiGauge.Row<?>> failures = new ArrayList<>();
        for (Refresh refresh : refreshes) {
            Tags tags = Tags.of(Meters.DYNAMIC_TABLE, refresh.table());
            lags.add(MultiGauge.Row.of(tags, refresh.lagSeconds()));
            failures.add(MultiGauge.Row.of(tags, refresh.failed() ? 1 : 0));
        }
        lag.register(lags, true);
        failed.register(failures, true);
    }
}
