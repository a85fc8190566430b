package dev.snowpipecdc.monitoring;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.snowpipecdc.warehouse.NamedQuery;
import dev.snowpipecdc.warehouse.QualityChecks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the quality queries of sql/quality/ for every captured table and publishes how many rows each found
 * ({@link Meters#QUALITY_VIOLATIONS}, 0 when the check passes), with a WARN log naming the rows.
 */
public final class QualityMonitor extends MonitorPoll {

    private static final Logger LOG = LoggerFactory.getLogger(QualityMonitor.class);
    /** Rows named per check in the log; the count covers all of them. */
    static final int ROWS_LOGGED = 20;

    private final WarehouseQueries queries;
    private final MultiGauge violations;

    public QualityMonitor(WarehouseQueries queries, MeterRegistry registry) {
        super("quality", registry);
        this.queries = queries;
        this.violations = MultiGauge.builder(Meters.QUALITY_VIOLATIONS)
                .description("Rows the quality query found in its last run (0: the check passes)")
                .register(registry);
    }

    @Override
    protected void poll() throws SQLException {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        Map<NamedQuery, List<QualityChecks.Violation>> results = new QualityChecks(queries.warehouse(),
                queries.quality()).runEach();
        for (Map.Entry<NamedQuery, List<QualityChecks.Violation>> result : results.entrySet()) {
            NamedQuery query = result.getKey();
            List<QualityChecks.Violation> found = result.getValue();
            rows.add(MultiGauge.Row.of(Tags.of(Meters.CHECK, query.name(), Meters.TABLE,
                    query.table().orElse("")), found.size()));
            if (!found.isEmpty()) {
                LOG.warn("Quality check {} found {} rows: {}{}", query.label(), found.size(),
                        found.stream().limit(ROWS_LOGGED).map(v -> v.table() + " key " + v.key() + ": " + v.detail())
                                .collect(Collectors.joining("; ")),
                        found.size() > ROWS_LOGGED ? "; ..." : "");
            }
        }
        violations.register(rows, true);
    }
}
