package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.lit;
import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.snowpipecdc.emulator.sql.EmulatorCatalog.ObjectName;
import dev.snowpipecdc.emulator.sql.Tasks.TaskInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task graph: the root, then each child whose predecessors all succeeded in this run. Before a task
 * runs, its WHEN condition is evaluated; false records a SKIPPED run (and its children do not run). Each task's
 * body runs in its own session: a single statement is one transaction, a BEGIN ... END block commits statement
 * by statement unless it opens a transaction itself, as in Snowflake. A failure is recorded as FAILED with the
 * error. Every run is recorded in the database's TASK_HISTORY.
 */
final class TaskRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final WarehouseHost host;

    TaskRunner(WarehouseHost host) {
        this.host = host;
    }

    /** @param scheduledFrom SCHEDULE or EXECUTE TASK, as TASK_HISTORY says */
    void runGraph(ObjectName rootName, String scheduledFrom, Instant scheduledTime) throws SQLException {
        List<TaskInfo> tasks;
        try (EmulatorSession meta = host.openSession(rootName.database(), rootName.schema())) {
            tasks = Tasks.all(meta.connection(), rootName.database());
        }
        TaskInfo root = tasks.stream().filter(t -> t.name().equals(rootName)).findFirst().orElse(null);
        if (root == null) {
            return;
        }
        long runId = scheduledTime.toEpochMilli();
        Map<ObjectName, String> states = new HashMap<>();
        Deque<TaskInfo> ready = new ArrayDeque<>();
        ready.add(root);
        while (!ready.isEmpty()) {
            TaskInfo task = ready.removeFirst();
            String state = run(task, root, scheduledFrom, scheduledTime, runId);
            states.put(task.name(), state);
            for (TaskInfo child : children(tasks, task)) {
                boolean allParentsDone = child.predecessors().stream()
                        .allMatch(p -> "SUCCEEDED".equals(states.get(p)));
                if (allParentsDone && child.started() && !states.containsKey(child.name())
                        && !ready.contains(child)) {
                    ready.addLast(child);
                }
            }
        }
    }

    private static List<TaskInfo> children(List<TaskInfo> tasks, TaskInfo parent) {
        List<TaskInfo> children = new ArrayList<>();
        for (TaskInfo t : tasks) {
            if (t.predecessors().contains(parent.name())) {
                children.add(t);
            }
        }
        return children;
    }

    private String run(TaskInfo task, TaskInfo root, String scheduledFrom, Instant scheduledTime, long runId)
            throws SQLException {
        String queryId = UUID.randomUUID().toString();
        ObjectName name = task.name();
        try (EmulatorSession history = host.openSession(name.database(), name.schema());
             EmulatorSession session = host.openSession(name.database(), name.schema())) {
            history.run("INSERT INTO " + name.meta("TASK_HISTORY") + " VALUES (" + lit(queryId) + ", "
                    + lit(name.name()) + ", " + lit(name.database()) + ", " + lit(name.schema()) + ", "
                    + lit(task.definition()) + ", " + lit(task.condition().orElse(null)) + ", 'EXECUTING', NULL, NULL,"
                    + " " + timestamp(scheduledTime) + ", now(), NULL, NULL, " + lit(root.id()) + ", 1, " + runId
                    + ", NULL, " + lit(scheduledFrom) + ", 1)");
            String state;
            String errorCode = null;
            String errorMessage = null;
            try (Statement target = session.connection().createStatement()) {
                // WHEN is checked before every run, of a root or of a child
                if (task.condition().isPresent() && !conditionHolds(session, task, target)) {
                    state = "SKIPPED";
                } else {
                    session.execute(task.definition(), target);
                    state = "SUCCEEDED";
                }
            } catch (SQLException | RuntimeException e) {
                state = "FAILED";
                errorCode = e instanceof SQLException sql && sql.getErrorCode() != 0
                        ? String.valueOf(sql.getErrorCode()) : "100000";
                errorMessage = e.getMessage();
                LOG.warn("Task {} failed: {}", name.qualified(), e.getMessage());
            }
            history.run("UPDATE " + name.meta("TASK_HISTORY") + " SET STATE = " + lit(state) + ", ERROR_CODE = "
                    + lit(errorCode) + ", ERROR_MESSAGE = " + lit(errorMessage) + ", COMPLETED_TIME = now()"
                    + " WHERE QUERY_ID = " + lit(queryId));
            return state;
        }
    }

    private static boolean conditionHolds(EmulatorSession session, TaskInfo task, Statement target)
            throws SQLException {
        session.execute("SELECT (" + task.condition().get() + ")", target);
        try (ResultSet rs = target.getResultSet()) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
