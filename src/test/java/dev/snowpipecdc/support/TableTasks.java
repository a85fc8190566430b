package dev.snowpipecdc.support;

import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one table's task graph ({@code <T>_PARSE → <T>_APPLY}) once with EXECUTE TASK, as
 * the schedule would, and waits for the run to end.
 */
public final class TableTasks {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Warehouse warehouse;
    private final List<String> chain;

    public TableTasks(Warehouse warehouse, String table) {
        this(warehouse, List.of(table + "_PARSE", table + "_APPLY"));
    }

    private TableTasks(Warehouse warehouse, List<String> chain) {
        this.warehouse = warehouse;
        this.chain = chain;
    }

    /** The one task of a table without a key (sql/templates/table_without_key.sql). */
    public static TableTasks withoutKey(Warehouse warehouse, String table) {
        return new TableTasks(warehouse, List.of(table + "_PARSE"));
    }

    /** @return the states of the tasks that ran, in order (e.g. [SUCCEEDED, SUCCEEDED] or [SKIPPED]) */
    public List<String> runOnce() throws SQLException {
        List<Integer> before = new ArrayList<>();
        for (String task : chain) {
            before.add(ended(task));
        }
        warehouse.sql("EXECUTE TASK " + chain.get(0));
        List<String> states = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            String task = chain.get(i);
            int ran = before.get(i);
            await().atMost(PATIENCE).until(() -> ended(task) > ran);
            String state = lastState(task);
            states.add(state);
            if (!state.equals("SUCCEEDED")) {
                break;
            }
        }
        return states;
    }

    /** Runs the graph once and fails with the task's error unless every task succeeded. */
    public void run() throws SQLException {
        List<String> states = runOnce();
        if (!states.equals(chain.stream().map(task -> "SUCCEEDED").toList())) {
            throw new AssertionError("Task graph run ended " + states + ": " + warehouse.query(
                    "SELECT NAME, ERROR_MESSAGE FROM TABLE(INFORMATION_SCHEMA.TASK_HISTORY(ERROR_ONLY => TRUE))"));
        }
    }

    private int ended(String task) throws SQLException {
        return Integer.parseInt(warehouse.query("SELECT COUNT(*) FROM TABLE(INFORMATION_SCHEMA.TASK_HISTORY("
                + "TASK_NAME => '" + task + "')) WHERE STATE IN ('SUCCEEDED', 'FAILED', 'SKIPPED')").get(0));
    }

    private String lastState(String task) throws SQLException {
        return warehouse.query("SELECT STATE FROM TABLE(INFORMATION_SCHEMA.TASK_HISTORY(TASK_NAME => '" + task
                + "')) WHERE STATE IN ('SUCCEEDED', 'FAILED', 'SKIPPED') ORDER BY COMPLETED_TIME DESC LIMIT 1").get(0);
    }
}
