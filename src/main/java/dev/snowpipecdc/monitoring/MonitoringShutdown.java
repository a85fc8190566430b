package dev.snowpipecdc.monitoring;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the pipeline stops, its monitoring routes stop first and do not wait for a poll under way: Camel's graceful
 * shutdown waits for every route's in-flight exchange (up to camel.main.shutdown-timeout), and a warehouse poll can
 * take many seconds, while meters are not worth holding a stop for. The routes that deliver changes are still
 * stopped gracefully afterwards, with their batches flushed.
 */
public final class MonitoringShutdown extends LifecycleStrategySupport {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringShutdown.class);
    /** How long a monitoring route gets to finish its poll before Camel abandons it. */
    private static final long GRACE_MS = 500;

    private final List<String> routeIds;

    public MonitoringShutdown(List<String> routeIds) {
        this.routeIds = List.copyOf(routeIds);
    }

    @Override
    public void onContextStopping(CamelContext context) {
        for (String routeId : routeIds) {
            if (context.getRoute(routeId) == null) {
                continue;
            }
            try {
                context.getRouteController().stopRoute(routeId, GRACE_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.debug("Could not stop monitoring route {} ahead of the others: {}", routeId, e.getMessage());
            }
        }
    }
}
