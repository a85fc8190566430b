package dev.snowpipecdc.monitoring;

import java.sql.SQLException;
import java.util.List;

import dev.snowpipecdc.warehouse.QueryRows;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Publishes, per stream, how long ago the oldest change it holds committed in the source
 * ({@link Meters#STREAM_LAG}; 0 when the tasks have consumed everything), from sql/monitoring/stream_lag.sql.
 */
public final class StreamLagMonitor extends MonitorPoll {

    static final String QUERY = "stream_lag";

    private final WarehouseQueries queries;
    private final MultiGauge lag;

    public StreamLagMonitor(WarehouseQueries queries, MeterRegistry registry) {
        super("streams", registry);
        this.queries = queries;
        this.lag = MultiGauge.builder(Meters.STREAM_LAG).baseUnit("seconds")
                .description("Age of the oldest change the stream holds (0 when empty)").register(registry);
    }

    @Override
    protected void poll() throws SQLException {
        List<MultiGauge.Row<?>> rows = QueryRows.read(queries.warehouse(), queries.monitoring(QUERY),
                rs -> MultiGauge.Row.of(Tags.of(Meters.STREAM, rs.getString("STREAM_NAME")),
                        rs.getDouble("LAG_SECONDS")));
        lag.register(rows, true);
    }
}
