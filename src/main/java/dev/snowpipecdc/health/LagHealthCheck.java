package dev.snowpipecdc.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import dev.snowpipecdc.monitoring.TaskRunMonitor;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: DOWN while a change has waited longer than {@code maxLagSeconds} between its source commit and its
 * warehouse commit, or while a warehouse task's latest runs failed {@code maxTaskFailures} times in a row (as the
 * monitor route last saw them). Not a liveness check (Camel's default): a restart does not make the warehouse faster
 * or a failing task right.
 */
public final class LagHealthCheck extends AbstractHealthCheck {

    public static final String ID = "cdc-lag";

    private final SnowpipeStreamingComponent sink;
    private final TaskRunMonitor tasks;
    private final double maxLagSeconds;
    private final int maxTaskFailures;

    public LagHealthCheck(CamelContext context, SnowpipeStreamingComponent sink, TaskRunMonitor tasks,
                          double maxLagSeconds, int maxTaskFailures) {
        super("cdc", ID);
        setCamelContext(context);
        this.sink = sink;
        this.tasks = tasks;
        this.maxLagSeconds = maxLagSeconds;
        this.maxTaskFailures = maxTaskFailures;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> problems = new ArrayList<>();
        double lag = sink.endToEndLagSeconds();
        builder.detail("end.to.end.lag.seconds", lag);
        if (lag > maxLagSeconds) {
            problems.add(String.format(Locale.ROOT, "a change has waited %.0f s for the warehouse to commit it"
                    + " (limit %.0f s)", lag, maxLagSeconds));
        }
        tasks.failureStreaks().values().stream()
                .filter(streak -> streak.failures() >= maxTaskFailures)
                .forEach(streak -> problems.add("task " + streak.task() + " failed its last " + streak.failures()
                        + " runs (limit " + maxTaskFailures + ")" + streak.lastError().map(e -> ": " + e).orElse("")));
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.down().message(String.join("; ", problems));
        }
    }
}
