package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.lit;
import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.q;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

import dev.snowpipecdc.emulator.sql.EmulatorCatalog.ObjectName;

/**
 * Pipes: a named {@link CopyInto} that loads the files staged for it, each once. Snowflake's pipes load on a cloud
 * notification (AUTO_INGEST) or a REST call; here {@code ALTER PIPE ... REFRESH} loads what is staged and not
 * loaded yet — at once, where Snowflake queues the files and loads them within a minute or so. A bad file is skipped
 * and recorded (Snowpipe's {@code ON_ERROR = SKIP_FILE}).
 */
final class Pipes {

    private Pipes() {
    }

    /** CREATE [OR REPLACE] PIPE [IF NOT EXISTS] name [AUTO_INGEST = FALSE] [COMMENT = '...'] AS COPY INTO ... */
    static Commands.Command create(TokenCursor c, boolean replace) throws SQLException {
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        List<String> name = c.name();
        while (!c.peekWord("AS")) {
            String option = c.word();
            c.expectSymbol("=");
            String value = c.value().toUpperCase(Locale.ROOT);
            if (option.equals("AUTO_INGEST") && value.equals("TRUE")) {
                throw SqlException.unsupported("AUTO_INGEST = TRUE (no cloud notifications here: load with ALTER"
                        + " PIPE ... REFRESH)", c.line(), c.rest());
            }
            if (!option.equals("AUTO_INGEST") && !option.equals("COMMENT")) {
                throw SqlException.unsupported("the pipe option " + option, c.line(), c.rest());
            }
        }
        c.expect("AS");
        String definition = c.rest();
        CopyInto.parse(definition);
        return s -> {
            ObjectName pipe = s.resolve(name);
            boolean exists = exists(s, pipe);
            if (exists && ifNotExists) {
                return Commands.status(pipe.name() + " already exists, statement succeeded.");
            }
            if (exists && !replace) {
                throw new SqlException("Object '" + pipe.name() + "' already exists.", null);
            }
            s.run("DELETE FROM " + pipe.meta("PIPES") + " WHERE SCHEMA_NAME = " + lit(pipe.schema())
                    + " AND NAME = " + lit(pipe.name()));
            s.run("INSERT INTO " + pipe.meta("PIPES") + " VALUES (" + lit(pipe.schema()) + ", " + lit(pipe.name())
                    + ", " + lit(definition) + ", now())");
            return Commands.status("Pipe " + pipe.name() + " successfully created.");
        };
    }

    /** ALTER PIPE name REFRESH: loads the staged files the pipe has not loaded; a row per file, as Snowflake's. */
    static Commands.Command alter(TokenCursor c) throws SQLException {
        c.accept("IF", "EXISTS");
        List<String> name = c.name();
        if (!c.accept("REFRESH") || !c.atEnd()) {
            throw SqlException.unsupported("ALTER PIPE other than REFRESH (without PREFIX or MODIFIED_AFTER)",
                    c.line(), c.rest());
        }
        return Commands.nonTransactional(s -> {
            ObjectName pipe = s.resolve(name);
            List<String> definition = Stages.strings(s.connection(), "SELECT DEFINITION FROM "
                    + pipe.meta("PIPES") + " WHERE SCHEMA_NAME = " + lit(pipe.schema()) + " AND NAME = "
                    + lit(pipe.name()));
            if (definition.isEmpty()) {
                throw new SqlException("Pipe '" + pipe.qualified() + "' does not exist or not authorized.", null);
            }
            List<CopyInto.LoadedFile> files = CopyInto.load(s, CopyInto.parse(definition.get(0)), true);
            if (files.isEmpty()) {
                return "SELECT NULL::VARCHAR AS " + q("File") + ", NULL::VARCHAR AS " + q("Status") + " LIMIT 0";
            }
            StringBuilder rows = new StringBuilder();
            for (CopyInto.LoadedFile file : files) {
                rows.append(rows.isEmpty() ? "(" : ", (").append(lit(file.file())).append(", 'SENT')");
            }
            return "SELECT * FROM (VALUES " + rows + ") AS t(" + q("File") + ", " + q("Status") + ")";
        });
    }

    /** DROP PIPE [IF EXISTS] name (its load history stays with the table, as in Snowflake). */
    static Commands.Command drop(TokenCursor c) throws SQLException {
        boolean ifExists = c.accept("IF", "EXISTS");
        List<String> name = c.name();
        return s -> {
            ObjectName pipe = s.resolve(name);
            if (!exists(s, pipe)) {
                if (ifExists) {
                    return Commands.status("Drop statement executed successfully (" + pipe.name()
                            + " already dropped).");
                }
                throw new SqlException("Pipe '" + pipe.qualified() + "' does not exist or not authorized.", null);
            }
            s.run("DELETE FROM " + pipe.meta("PIPES") + " WHERE SCHEMA_NAME = " + lit(pipe.schema())
                    + " AND NAME = " + lit(pipe.name()));
            return Commands.status(pipe.name() + " successfully dropped.");
        };
    }

    private static boolean exists(EmulatorSession s, ObjectName pipe) throws SQLException {
        return EmulatorCatalog.exists(s.connection(), "SELECT 1 FROM " + pipe.meta("PIPES")
                + " WHERE SCHEMA_NAME = ? AND NAME = ?", pipe.schema(), pipe.name());
    }
}
