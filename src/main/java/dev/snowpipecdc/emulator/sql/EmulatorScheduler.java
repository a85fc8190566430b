package dev.snowpipecdc.emulator.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.snowpipecdc.emulator.sql.DynamicTables.DynamicTableInfo;
import dev.snowpipecdc.emulator.sql.EmulatorCatalog.ObjectName;
import dev.snowpipecdc.emulator.sql.Tasks.TaskInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what Snowflake runs on its own: started root tasks on their schedules (with their graphs), task graphs
 * asked for by EXECUTE TASK, and dynamic-table refreshes, so that a dynamic table is never staler than its
 * target lag (it is refreshed once half the lag has passed). One thread, so a task graph never overlaps itself.
 * Interval schedules and lags are divided by the warehouse's time scale; cron schedules are wall-clock times.
 */
public final class EmulatorScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorScheduler.class);
    private static final Duration TICK = Duration.ofMillis(50);
    private static final Duration RELOAD_EVERY = Duration.ofSeconds(1);

    public interface Catalogs {
        /** A connection to read the emulator catalogs of all databases with. */
        Connection catalogConnection() throws SQLException;
    }

    private final WarehouseHost host;
    private final Catalogs catalogs;
    private final TaskRunner runner;
    private final BlockingQueue<ObjectName> executeNow = new LinkedBlockingQueue<>();
    private final Map<ObjectName, Instant> nextRun = new HashMap<>();
    /** Dynamic tables whose last refresh failed wait this long before the next try. */
    private final Map<ObjectName, Instant> retryAfter = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean changed = true;
    private List<TaskInfo> roots = List.of();
    private List<DynamicTableInfo> dynamicTables = List.of();
    private Instant loadedAt = Instant.EPOCH;

    public EmulatorScheduler(WarehouseHost host, Catalogs catalogs) {
        this.host = host;
        this.catalogs = catalogs;
        this.runner = new TaskRunner(host);
        this.thread = new Thread(this::loop, "embedded-warehouse-scheduler");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public void executeTask(ObjectName root) {
        executeNow.add(root);
    }

    public void scheduleChanged() {
        changed = true;
    }

    private void loop() {
        while (running) {
            try {
                ObjectName requested = executeNow.poll(TICK.toMillis(), TimeUnit.MILLISECONDS);
                if (!running) {
                    return;
                }
                if (requested != null) {
                    runner.runGraph(requested, "EXECUTE TASK", Instant.now());
                }
                Instant now = Instant.now();
                if (changed || now.isAfter(loadedAt.plus(RELOAD_EVERY))) {
                    reload();
                }
                runDueTasks(now);
                refreshStaleTables(now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("Embedded warehouse scheduler: {}", e.getMessage());
                }
            }
        }
    }

    private void reload() throws SQLException {
        changed = false;
        loadedAt = Instant.now();
        List<TaskInfo> started = new ArrayList<>();
        List<DynamicTableInfo> tables = new ArrayList<>();
        try (Connection c = catalogs.catalogConnection()) {
            for (String database : EmulatorCatalog.databases(c)) {
                for (TaskInfo task : Tasks.all(c, database)) {
                    if (task.started() && task.schedule().isPresent() && task.predecessors().isEmpty()) {
                        started.add(task);
                    }
                }
                tables.addAll(DynamicTables.all(c, database));
            }
        }
        nextRun.keySet().retainAll(started.stream().map(TaskInfo::name).toList());
        roots = started;
        dynamicTables = tables;
    }

    private void runDueTasks(Instant now) throws SQLException {
        for (TaskInfo root : roots) {
            Schedule schedule = Schedule.parse(root.schedule().get());
            // a resumed task first runs one interval after it was resumed (or at the next cron time)
            Instant due = nextRun.computeIfAbsent(root.name(), n -> schedule.next(now, host.timeScale()));
            if (!now.isBefore(due)) {
                nextRun.put(root.name(), schedule.next(now, host.timeScale()));
                runner.runGraph(root.name(), "SCHEDULE", due);
            }
        }
    }

    private void refreshStaleTables(Instant now) throws SQLException {
        boolean refreshed = false;
        for (DynamicTableInfo dt : dynamicTables) {
            if (dt.lag().isEmpty() || !DynamicTables.RUNNING.equals(dt.state())) {
                continue;
            }
            Duration halfLag = host.scaled(dt.lag().get()).dividedBy(2);
            // not refreshed yet (INITIALIZE = ON_SCHEDULE): its first refresh is due as if it was refreshed when made
            if (now.isBefore(dt.dataTimestamp().orElse(dt.createdOn()).plus(halfLag))) {
                continue;
            }
            if (now.isBefore(retryAfter.getOrDefault(dt.name(), Instant.EPOCH))) {
                continue;
            }
            if (refresh(dt)) {
                retryAfter.remove(dt.name());
            } else {
                retryAfter.put(dt.name(), now.plus(halfLag.compareTo(Duration.ofSeconds(1)) < 0
                        ? Duration.ofSeconds(1) : halfLag));
            }
            refreshed = true;
        }
        if (refreshed) {
            changed = true;
        }
    }

    /** @return false when the refresh failed (it is recorded in the refresh history) */
    private boolean refresh(DynamicTableInfo dt) throws SQLException {
        Instant started = Instant.now();
        try (EmulatorSession session = host.openSession(dt.name().database(), dt.name().schema())) {
            try {
                session.begin();
                DynamicTables.refresh(session, dt, "SCHEDULED");
                session.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                session.rollback();
                LOG.warn("{}", e.getMessage());
                DynamicTables.recordFailure(session, dt, "SCHEDULED", started, e.getMessage());
                return false;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
