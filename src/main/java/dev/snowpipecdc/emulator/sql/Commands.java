package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.lit;
import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.q;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.snowpipecdc.emulator.sql.EmulatorCatalog.ObjectName;
import dev.snowpipecdc.emulator.sql.EmulatorCatalog.StreamInfo;

/**
 * The statements the emulator carries out itself rather than translating: sessions (USE, ALTER SESSION,
 * CREATE DATABASE), streams, tasks, dynamic tables, stages, COPY and pipes, SHOW, and warehouse/role statements
 * that mean nothing here.
 */
final class Commands {

    /** A command: run it, get the DuckDB query that produces its result ("" for none). */
    interface Command {
        String run(EmulatorSession session) throws SQLException;

        /** False for commands that cannot run inside a DuckDB transaction (ATTACH) or start work elsewhere. */
        default boolean transactional() {
            return true;
        }
    }

    private Commands() {
    }

    static Optional<Command> parse(EmulatorSession session, TokenCursor c) throws SQLException {
        if (c.accept("USE")) {
            return Optional.of(use(c));
        }
        if (c.accept("ALTER", "SESSION")) {
            return Optional.of(alterSession(c));
        }
        if (c.peekWord("SHOW")) {
            return Optional.of(Show.parse(c));
        }
        if (c.peekWord("EXECUTE", "TASK")) {
            c.accept("EXECUTE", "TASK");
            List<String> name = c.name();
            return Optional.of(nonTransactional(s -> {
                ObjectName task = s.resolve(name);
                Tasks.requireExists(s, task);
                s.host().executeTask(task);
                return status("Task " + task.name() + " is scheduled to run immediately.");
            }));
        }
        if (c.accept("ALTER", "TASK")) {
            return Optional.of(Tasks.alter(c));
        }
        if (c.accept("ALTER", "PIPE")) {
            return Optional.of(Pipes.alter(c));
        }
        if (c.peekWord("PUT")) {
            return Optional.of(Stages.put(c.rest()));
        }
        if (c.peekWord("REMOVE") || c.peekWord("RM")) {
            return Optional.of(Stages.remove(c.rest()));
        }
        if (c.peekWord("COPY", "INTO")) {
            return Optional.of(CopyInto.command(c.rest()));
        }
        if (c.accept("ALTER", "DYNAMIC", "TABLE")) {
            return Optional.of(DynamicTables.alter(c));
        }
        if (c.peekWord("ALTER", "WAREHOUSE") || c.peekWord("USE", "WAREHOUSE")) {
            return Optional.of(s -> status("Statement executed successfully."));
        }
        if (c.accept("DROP")) {
            return drop(c);
        }
        if (c.peekWord("ALTER", "SEQUENCE")) {
            // DuckDB cannot change a sequence, nor replace one a column's default uses
            throw SqlException.unsupported("ALTER SEQUENCE (a sequence's increment cannot be changed: create a new"
                    + " sequence)", c.line(), c.rest());
        }
        if (c.accept("UNDROP")) {
            return Optional.of(undrop(c));
        }
        if (c.accept("CREATE")) {
            boolean replace = c.accept("OR", "REPLACE");
            if (!replace && c.accept("OR", "ALTER")) {
                // CREATE OR ALTER of a dynamic table or task: made anew (a dynamic table's rows are refreshed from
                // its query anyway); of anything else, refused rather than replaced with its data lost
                if (c.accept("DYNAMIC", "TABLE")) {
                    return Optional.of(DynamicTables.create(c, true));
                }
                if (c.accept("TASK")) {
                    return Optional.of(Tasks.create(c, true));
                }
                throw new SqlException("The embedded warehouse does not support CREATE OR ALTER but of dynamic tables"
                        + " and tasks (see " + SqlException.SUPPORTED_CONSTRUCTS_DOC + ")", null);
            }
            if (c.accept("DATABASE")) {
                boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
                String name = c.name().get(0);
                return Optional.of(nonTransactional(s -> {
                    s.host().createDatabase(name, ifNotExists || replace);
                    s.use(name, "PUBLIC");
                    return status("Database " + name + " successfully created.");
                }));
            }
            if (c.accept("STREAM")) {
                return Optional.of(createStream(c, replace));
            }
            if (c.accept("STAGE")) {
                return Optional.of(Stages.create(c, replace));
            }
            if (c.accept("PIPE")) {
                return Optional.of(Pipes.create(c, replace));
            }
            if (c.accept("TASK")) {
                return Optional.of(Tasks.create(c, replace));
            }
            if (c.accept("DYNAMIC", "TABLE") || c.accept("TRANSIENT", "DYNAMIC", "TABLE")) {
                return Optional.of(DynamicTables.create(c, replace));
            }
            if (c.accept("WAREHOUSE") || c.accept("ROLE")) {
                return Optional.of(s -> status("Statement executed successfully."));
            }
        }
        return Optional.empty();
    }

    static Command nonTransactional(Command command) {
        return new Command() {
            @Override
            public String run(EmulatorSession session) throws SQLException {
                return command.run(session);
            }

            @Override
            public boolean transactional() {
                return false;
            }
        };
    }

    /** USE [DATABASE] db | USE SCHEMA [db.]schema | USE db.schema | USE WAREHOUSE / ROLE / SECONDARY ROLES x */
    private static Command use(TokenCursor c) throws SqlException {
        if (c.accept("WAREHOUSE") || c.accept("ROLE") || c.accept("SECONDARY", "ROLES")) {
            return s -> status("Statement executed successfully.");
        }
        boolean schemaOnly = c.accept("SCHEMA");
        boolean databaseOnly = !schemaOnly && c.accept("DATABASE");
        List<String> name = c.name();
        return s -> {
            String db;
            String sc;
            if (schemaOnly) {
                db = name.size() == 2 ? name.get(0) : s.database();
                sc = name.get(name.size() - 1);
            } else if (databaseOnly || name.size() == 1) {
                db = name.get(0);
                sc = "PUBLIC";
            } else {
                db = name.get(0);
                sc = name.get(1);
            }
            if (!EmulatorCatalog.databaseExists(s.connection(), db)) {
                throw new SqlException("Object does not exist, or operation cannot be performed: database " + db,
                        null);
            }
            s.use(db, sc);
            return status("Statement executed successfully.");
        };
    }

    /** ALTER SESSION SET name = value [name = value ...] | ALTER SESSION UNSET name [, name] */
    private static Command alterSession(TokenCursor c) throws SqlException {
        if (c.accept("UNSET")) {
            List<String> names = new java.util.ArrayList<>();
            do {
                names.add(c.word());
            } while (c.acceptSymbol(","));
            return s -> {
                for (String name : names) {
                    s.parameters().unset(name);
                }
                return status("Statement executed successfully.");
            };
        }
        c.expect("SET");
        List<String[]> settings = new java.util.ArrayList<>();
        while (!c.atEnd()) {
            String name = c.word();
            c.expectSymbol("=");
            settings.add(new String[]{name, c.value()});
            c.acceptSymbol(",");
        }
        return s -> {
            for (String[] setting : settings) {
                s.parameters().set(setting[0], setting[1]);
            }
            return status("Statement executed successfully.");
        };
    }

    /**
     * CREATE [OR REPLACE] STREAM [IF NOT EXISTS] s ON TABLE t | ON VIEW v [APPEND_ONLY = TRUE]
     * [SHOW_INITIAL_ROWS = TRUE]
     */
    private static Command createStream(TokenCursor c, boolean replace) throws SqlException {
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        List<String> name = c.name();
        c.expect("ON");
        boolean onView = c.accept("VIEW");
        if (!onView && (c.accept("EXTERNAL") || c.accept("STAGE") || c.accept("DYNAMIC"))) {
            throw SqlException.unsupported("streams on anything but tables and views", c.line(), c.rest());
        }
        if (!onView) {
            c.expect("TABLE");
        }
        List<String> table = c.name();
        boolean appendOnly = false;
        boolean initialRows = false;
        while (!c.atEnd()) {
            String option = c.word();
            c.expectSymbol("=");
            String value = c.value().toUpperCase(Locale.ROOT);
            switch (option) {
                case "APPEND_ONLY" -> appendOnly = value.equals("TRUE");
                case "SHOW_INITIAL_ROWS" -> initialRows = value.equals("TRUE");
                case "COMMENT" -> { }
                case "INSERT_ONLY" -> throw SqlException.unsupported("INSERT_ONLY streams (external tables)", c.line(),
                        c.rest());
                default -> throw SqlException.unsupported("the stream option " + option, c.line(), c.rest());
            }
        }
        boolean append = appendOnly;
        boolean initial = initialRows;
        return s -> {
            ObjectName stream = s.resolve(name);
            ObjectName source = s.resolve(table);
            if (onView ? !EmulatorCatalog.viewExists(s.connection(), source)
                    : !EmulatorCatalog.tableExists(s.connection(), source)) {
                throw new SqlException((onView ? "View '" : "Table '") + source.qualified()
                        + "' does not exist or not authorized.", null);
            }
            Optional<StreamInfo> existing = EmulatorCatalog.stream(s.connection(), stream);
            if (existing.isPresent()) {
                if (ifNotExists) {
                    return status(stream.name() + " already exists, statement succeeded.");
                }
                if (!replace) {
                    throw new SqlException("Object '" + stream.name() + "' already exists.", null);
                }
                dropStream(s, existing.get());
            }
            StreamInfo info = new StreamInfo(stream, source, append, null, null, onView);
            // the base: the table (or the view's rows) as of the stream's offset (now, or empty with
            // SHOW_INITIAL_ROWS)
            s.run("CREATE TABLE " + info.baseTable() + " AS " + StreamChanges.snapshotOf(info)
                    + (initial ? " LIMIT 0" : ""));
            s.run("INSERT INTO " + stream.meta("STREAMS") + " VALUES (" + lit(stream.schema()) + ", "
                    + lit(stream.name()) + ", " + lit(source.database()) + ", " + lit(source.schema()) + ", "
                    + lit(source.name()) + ", " + lit(append ? "APPEND_ONLY" : "DEFAULT") + ", now(), now())");
            return status("Stream " + stream.name() + " successfully created.");
        };
    }

    /**
     * UNDROP TABLE | DYNAMIC TABLE | SCHEMA | DATABASE name: the embedded warehouse keeps no dropped objects (no
     * Time Travel), so there is nothing to restore; as in Snowflake, a table (or dynamic table) or database of that
     * name that exists is an error first.
     */
    private static Command undrop(TokenCursor c) throws SqlException {
        boolean dynamic = c.accept("DYNAMIC");
        String kind = c.word();
        List<String> name = c.name();
        String label = dynamic ? "Dynamic table" : kind.charAt(0) + kind.substring(1).toLowerCase(Locale.ROOT);
        return s -> {
            boolean exists = switch (kind) {
                case "TABLE" -> {
                    ObjectName table = s.resolve(name);
                    yield EmulatorCatalog.tableExists(s.connection(), table);
                }
                case "DATABASE" -> EmulatorCatalog.databaseExists(s.connection(), name.get(name.size() - 1));
                default -> false;
            };
            if (exists) {
                throw new SqlException(label + " '" + name.get(name.size() - 1) + "' already exists.", null);
            }
            throw SqlException.unsupported("UNDROP (the embedded warehouse keeps no dropped objects: no Time Travel)",
                    c.line(), "UNDROP " + (dynamic ? "DYNAMIC " : "") + kind + " " + String.join(".", name));
        };
    }

    private static Optional<Command> drop(TokenCursor c) throws SQLException {
        if (c.accept("STREAM")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            List<String> name = c.name();
            return Optional.of(s -> {
                Optional<StreamInfo> stream = EmulatorCatalog.stream(s.connection(), s.resolve(name));
                if (stream.isEmpty()) {
                    if (ifExists) {
                        return status("Drop statement executed successfully (" + String.join(".", name)
                                + " already dropped).");
                    }
                    throw new SqlException("Stream '" + String.join(".", name) + "' does not exist or not authorized.",
                            null);
                }
                dropStream(s, stream.get());
                return status(stream.get().name().name() + " successfully dropped.");
            });
        }
        if (c.accept("TASK")) {
            return Optional.of(Tasks.drop(c));
        }
        if (c.accept("STAGE")) {
            return Optional.of(Stages.drop(c));
        }
        if (c.accept("PIPE")) {
            return Optional.of(Pipes.drop(c));
        }
        if (c.accept("DYNAMIC", "TABLE")) {
            return Optional.of(DynamicTables.drop(c));
        }
        if (c.accept("WAREHOUSE") || c.accept("ROLE")) {
            return Optional.of(s -> status("Statement executed successfully."));
        }
        if (c.accept("DATABASE")) {
            throw SqlException.unsupported("DROP DATABASE", c.line(), c.rest());
        }
        return Optional.empty();
    }

    static void dropStream(EmulatorSession s, StreamInfo stream) throws SQLException {
        s.run("DROP TABLE IF EXISTS " + stream.baseTable());
        s.run("DROP TABLE IF EXISTS " + AppendOnlyLog.logName(stream).sql());
        s.run("DELETE FROM " + stream.name().meta("STREAMS") + " WHERE SCHEMA_NAME = " + lit(stream.name().schema())
                + " AND NAME = " + lit(stream.name().name()));
    }

    /** The table name of a CREATE [OR REPLACE] [TRANSIENT|TEMPORARY] TABLE [IF NOT EXISTS] name statement. */
    static Optional<List<String>> createdTableName(TokenCursor c) throws SqlException {
        if (!c.accept("CREATE")) {
            return Optional.empty();
        }
        c.accept("OR", "REPLACE");
        while (c.accept("TRANSIENT") || c.accept("TEMPORARY") || c.accept("TEMP") || c.accept("LOCAL")
                || c.accept("GLOBAL") || c.accept("VOLATILE")) {
            // table kinds
        }
        if (!c.accept("TABLE")) {
            return Optional.empty();
        }
        c.accept("IF", "NOT", "EXISTS");
        return Optional.of(c.name());
    }

    static String status(String message) {
        return "SELECT " + lit(message) + " AS " + q("status");
    }
}
