package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.lit;
import static dev.snowpipecdc.emulator.sql.Commands.status;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.snowpipecdc.emulator.sql.EmulatorCatalog.ObjectName;

/**
 * Tasks: CREATE [OR REPLACE] TASK, ALTER TASK (RESUME, SUSPEND, SET SCHEDULE, MODIFY AS / WHEN, REMOVE WHEN),
 * DROP TASK, and the catalog records the scheduler reads. Tasks are created suspended, as in Snowflake.
 */
final class Tasks {

    static final String STARTED = "started";
    static final String SUSPENDED = "suspended";

    /** A task as the catalog holds it. */
    record TaskInfo(ObjectName name, String id, Optional<String> schedule, List<ObjectName> predecessors,
                    Optional<String> condition, String definition, String state) {
        boolean started() {
            return STARTED.equals(state);
        }
    }

    private Tasks() {
    }

    static Commands.Command create(TokenCursor c, boolean replace) throws SqlException {
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        List<String> name = c.name();
        String warehouse = null;
        String schedule = null;
        List<List<String>> after = new ArrayList<>();
        String condition = null;
        while (!c.atEnd() && !c.peekWord("AS")) {
            if (c.accept("AFTER")) {
                do {
                    after.add(c.name());
                } while (c.acceptSymbol(","));
            } else if (c.accept("WHEN")) {
                condition = c.until("AS").orElseThrow(() -> c.error("WHEN without AS"));
            } else {
                String option = c.word();
                c.expectSymbol("=");
                String value = c.value();
                switch (option) {
                    case "WAREHOUSE" -> warehouse = value;
                    case "SCHEDULE" -> schedule = value;
                    default -> {
                        // USER_TASK_TIMEOUT_MS, COMMENT, ALLOW_OVERLAPPING_EXECUTION, ...: accepted, no effect
                    }
                }
            }
        }
        c.expect("AS");
        String body = c.rest();
        if (body.isEmpty()) {
            throw c.error("a task needs a body after AS");
        }
        if (schedule != null) {
            Schedule.parse(schedule);
        }
        if (schedule != null && !after.isEmpty()) {
            throw new SqlException("Task " + String.join(".", name) + ": a task with AFTER predecessors cannot have"
                    + " a SCHEDULE (only the root task of a graph has one)", null);
        }
        String wh = warehouse;
        String sch = schedule;
        String when = condition;
        return s -> {
            ObjectName task = s.resolve(name);
            Optional<TaskInfo> existing = find(s.connection(), task);
            if (existing.isPresent()) {
                if (ifNotExists) {
                    return status(task.name() + " already exists, statement succeeded.");
                }
                if (!replace) {
                    throw new SqlException("Object '" + task.name() + "' already exists.", null);
                }
                delete(s, task);
            }
            List<String> predecessors = new ArrayList<>();
            for (List<String> p : after) {
                ObjectName parent = s.resolve(p);
                if (find(s.connection(), parent).isEmpty()) {
                    throw new SqlException("Task " + task.name() + ": predecessor " + parent.qualified()
                            + " does not exist.", null);
                }
                predecessors.add(parent.qualified());
            }
            s.run("INSERT INTO " + task.meta("TASKS") + " VALUES (" + lit(task.schema()) + ", " + lit(task.name())
                    + ", " + lit(UUID.randomUUID().toString()) + ", " + lit(wh) + ", " + lit(sch) + ", "
                    + lit(String.join(",", predecessors)) + ", " + lit(when) + ", " + lit(body) + ", "
                    + lit(SUSPENDED) + ", now())");
            s.host().scheduleChanged();
            return status("Task " + task.name() + " successfully created.");
        };
    }

    static Commands.Command alter(TokenCursor c) throws SqlException {
        boolean ifExists = c.accept("IF", "EXISTS");
        List<String> name = c.name();
        String action = c.word();
        String set;
        switch (action) {
            case "RESUME", "SUSPEND" -> set = "STATE = " + lit(action.equals("RESUME") ? STARTED : SUSPENDED);
            case "SET" -> {
                List<String> assignments = new ArrayList<>();
                while (!c.atEnd()) {
                    String option = c.word();
                    c.expectSymbol("=");
                    String value = c.value();
                    if (option.equals("SCHEDULE")) {
                        Schedule.parse(value);
                        assignments.add("SCHEDULE = " + lit(value));
                    } else if (option.equals("WAREHOUSE")) {
                        assignments.add("WAREHOUSE = " + lit(value));
                    }
                    c.acceptSymbol(",");
                }
                set = assignments.isEmpty() ? null : String.join(", ", assignments);
            }
            case "MODIFY" -> {
                if (c.accept("AS")) {
                    set = "DEFINITION = " + lit(c.rest());
                } else {
                    c.expect("WHEN");
                    set = "CONDITION = " + lit(c.rest());
                }
            }
            case "REMOVE" -> {
                c.expect("WHEN");
                set = "CONDITION = NULL";
            }
            default -> throw SqlException.unsupported("ALTER TASK ... " + action, c.line(), c.rest());
        }
        return s -> {
            ObjectName task = s.resolve(name);
            if (find(s.connection(), task).isEmpty()) {
                if (ifExists) {
                    return status("Statement executed successfully.");
                }
                throw notFound(task);
            }
            if (set != null) {
                s.run("UPDATE " + task.meta("TASKS") + " SET " + set + " WHERE SCHEMA_NAME = " + lit(task.schema())
                        + " AND NAME = " + lit(task.name()));
            }
            s.host().scheduleChanged();
            return status("Statement executed successfully.");
        };
    }

    static Commands.Command drop(TokenCursor c) throws SqlException {
        boolean ifExists = c.accept("IF", "EXISTS");
        List<String> name = c.name();
        return s -> {
            ObjectName task = s.resolve(name);
            if (find(s.connection(), task).isEmpty()) {
                if (ifExists) {
                    return status("Drop statement executed successfully (" + task.name() + " already dropped).");
                }
                throw notFound(task);
            }
            delete(s, task);
            s.host().scheduleChanged();
            return status(task.name() + " successfully dropped.");
        };
    }

    static void requireExists(EmulatorSession s, ObjectName task) throws SQLException {
        if (find(s.connection(), task).isEmpty()) {
            throw notFound(task);
        }
    }

    private static SqlException notFound(ObjectName task) {
        return new SqlException("Task " + task.qualified() + " does not exist or not authorized.", null);
    }

    private static void delete(EmulatorSession s, ObjectName task) throws SQLException {
        s.run("DELETE FROM " + task.meta("TASKS") + " WHERE SCHEMA_NAME = " + lit(task.schema()) + " AND NAME = "
                + lit(task.name()));
    }

    static Optional<TaskInfo> find(Connection c, ObjectName task) throws SQLException {
        return all(c, task.database()).stream().filter(t -> t.name().equals(task)).findFirst();
    }

    /** Every task of a database. */
    static List<TaskInfo> all(Connection c, String database) throws SQLException {
        List<TaskInfo> tasks = new ArrayList<>();
        if (!EmulatorCatalog.hasCatalog(c, database)) {
            return tasks;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT SCHEMA_NAME, NAME, ID,"
                + " SCHEDULE, PREDECESSORS, CONDITION, DEFINITION, STATE FROM " + EmulatorCatalog.q(database) + "."
                + EmulatorCatalog.SCHEMA + ".TASKS")) {
            while (rs.next()) {
                List<ObjectName> predecessors = new ArrayList<>();
                String p = rs.getString(5);
                if (p != null && !p.isEmpty()) {
                    for (String qualified : p.split(",")) {
                        String[] parts = qualified.split("\\.", 3);
                        predecessors.add(new ObjectName(parts[0], parts[1], parts[2]));
                    }
                }
                tasks.add(new TaskInfo(new ObjectName(database, rs.getString(1), rs.getString(2)), rs.getString(3),
                        Optional.ofNullable(rs.getString(4)), predecessors, Optional.ofNullable(rs.getString(6)),
                        rs.getString(7), rs.getString(8).toLowerCase(Locale.ROOT)));
            }
        }
        return tasks;
    }
}
