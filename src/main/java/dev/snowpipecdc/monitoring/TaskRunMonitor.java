package dev.snowpipecdc.monitoring;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.snowpipecdc.warehouse.QueryRows;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Counts the warehouse task runs that ended since the last poll, by task and state ({@link Meters#TASK_RUNS}),
 * from sql/monitoring/task_runs.sql (the last hour of TASK_HISTORY, in the order the runs ended), and carries on
 * each task's failure streak: how many of its latest runs failed in a row, skipped runs aside
 * ({@link Meters#TASK_FAILURE_STREAK}). A streak outlives the query's window, so a task that failed until it was
 * suspended keeps its streak. Runs that had ended before the first poll set streaks but are not counted, so a
 * restart does not count them again; every task's counters exist from the first poll on, at 0, so that
 * {@code increase()} sees a task's first failure.
 */
public final class TaskRunMonitor extends MonitorPoll {

    static final String QUERY = "task_runs";
    private static final Set<String> FAILED = Set.of("FAILED", "FAILED_AND_AUTO_SUSPENDED");
    private static final String SKIPPED = "SKIPPED";
    private static final List<String> COUNTED_FROM_ZERO = List.of("SUCCEEDED", "FAILED", SKIPPED);
    /** Runs are remembered a while longer than the query looks back, so none is counted twice. */
    private static final Duration REMEMBER = Duration.ofHours(2);

    /** A task's latest runs that failed in a row, and the error of the latest one. */
    public record FailureStreak(String task, int failures, Optional<String> lastError) {

        FailureStreak after(String state, String error) {
            if (FAILED.contains(state)) {
                return new FailureStreak(task, failures + 1, Optional.ofNullable(error));
            }
            return SKIPPED.equals(state) ? this : new FailureStreak(task, 0, Optional.empty());
        }
    }

    private record Run(String task, String state, String error, String key, Instant completed, Instant polledAt) {
    }

    private final WarehouseQueries queries;
    private final MeterRegistry registry;
    private final MultiGauge streakGauge;
    private final Map<String, Instant> seen = new HashMap<>();
    private final Map<String, FailureStreak> streaks = new ConcurrentHashMap<>();
    private boolean polledBefore;

    public TaskRunMonitor(WarehouseQueries queries, MeterRegistry registry) {
        super("tasks", registry);
        this.queries = queries;
        this.registry = registry;
        this.streakGauge = MultiGauge.builder(Meters.TASK_FAILURE_STREAK)
                .description("Latest runs of the task that failed in a row (skipped runs aside)").register(registry);
    }

    /** Each task's failure streak as of the last poll, by task name. */
    public Map<String, FailureStreak> failureStreaks() {
        return Map.copyOf(streaks);
    }

    @Override
    protected synchronized void poll() throws SQLException {
        List<Run> runs = QueryRows.read(queries.warehouse(), queries.monitoring(QUERY), rs -> new Run(
                rs.getString("TASK_NAME"), rs.getString("STATE"), rs.getString("ERROR_MESSAGE"),
                String.join("|", rs.getString("TASK_NAME"), rs.getString("SCHEDULED_TIME"),
                        rs.getString("COMPLETED_TIME"), String.valueOf(rs.getString("QUERY_ID"))),
                instant(rs.getTimestamp("COMPLETED_TIME")), instant(rs.getTimestamp("POLLED_AT"))));
        for (Run run : runs) {
            if (seen.putIfAbsent(run.key(), run.completed()) != null) {
                continue;
            }
            if (!streaks.containsKey(run.task())) {
                COUNTED_FROM_ZERO.forEach(state -> runCounter(run.task(), state));
            }
            if (polledBefore) {
                runCounter(run.task(), run.state()).increment();
            }
            streaks.put(run.task(), streaks.getOrDefault(run.task(), new FailureStreak(run.task(), 0,
                    Optional.empty())).after(run.state(), run.error()));
        }
        polledBefore = true;
        if (!runs.isEmpty()) {
            Instant forgetBefore = runs.get(0).polledAt().minus(REMEMBER);
            seen.values().removeIf(completed -> completed.isBefore(forgetBefore));
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        streaks.values().forEach(s -> rows.add(MultiGauge.Row.of(Tags.of(Meters.TASK, s.task()), s.failures())));
        streakGauge.register(rows, true);
    }

    private Counter runCounter(String task, String state) {
        return registry.counter(Meters.TASK_RUNS, Meters.TASK, task, Meters.STATE, state);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? Instant.EPOCH : timestamp.toInstant();
    }
}
