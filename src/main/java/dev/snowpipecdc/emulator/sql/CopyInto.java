package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.lit;
import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.q;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.snowpipecdc.emulator.sql.EmulatorCatalog.ObjectName;

/**
 * {@code COPY INTO table FROM @stage[/path]} of newline-delimited JSON files, each object's fields matched to the
 * table's columns by name ({@code MATCH_BY_COLUMN_NAME}) and converted to their types, as Snowflake loads JSON.
 * Load metadata is kept per table: a file loaded once is skipped by later loads unless {@code FORCE = TRUE} (the
 * way Snowpipe and repeated COPY statements load each file once). Fields without a column are ignored; columns
 * without a field get NULL. A bulk COPY stops at the first bad file and loads nothing ({@code ON_ERROR =
 * ABORT_STATEMENT}, its default); a pipe skips a bad file and records why ({@code SKIP_FILE}, Snowpipe's default).
 */
final class CopyInto {

    private static final Pattern COPY = Pattern.compile(
            "(?is)\\s*COPY\\s+INTO\\s+(.+?)\\s+FROM\\s+@([^\\s;]+)\\s*(.*?)\\s*;?\\s*");

    /** A COPY statement, read. */
    record Definition(List<String> table, String location, List<String> files, Pattern pattern,
                      boolean caseSensitive, boolean force, boolean purge) {
    }

    /** A file the COPY took: loaded with its row count, or failed with the reason. */
    record LoadedFile(String file, long rows, String error) {
    }

    private CopyInto() {
    }

    static Commands.Command command(String statement) throws SQLException {
        Definition copy = parse(statement);
        return s -> result(load(s, copy, false));
    }

    /**
     * COPY INTO t FROM @stage[/path] [FILES = ('a', ...)] [PATTERN = 'regex'] FILE_FORMAT = (TYPE = JSON)
     * MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE | CASE_SENSITIVE [ON_ERROR = ABORT_STATEMENT] [FORCE = TRUE|FALSE]
     * [PURGE = TRUE|FALSE]
     */
    static Definition parse(String statement) throws SQLException {
        Matcher m = COPY.matcher(statement);
        if (!m.matches()) {
            throw SqlException.unsupported("this form of COPY (COPY INTO a table FROM @stage only)", 1, statement);
        }
        List<String> table = new TokenCursor(m.group(1)).name();
        List<String> files = new ArrayList<>();
        Pattern pattern = null;
        String match = null;
        boolean json = false;
        boolean force = false;
        boolean purge = false;
        TokenCursor c = new TokenCursor(m.group(3));
        while (!c.atEnd()) {
            String option = c.word();
            c.expectSymbol("=");
            switch (option) {
                case "FILES" -> {
                    c.expectSymbol("(");
                    do {
                        files.add(c.value());
                    } while (c.acceptSymbol(","));
                    c.expectSymbol(")");
                }
                case "PATTERN" -> pattern = Pattern.compile(c.value());
                case "FILE_FORMAT" -> {
                    c.expectSymbol("(");
                    while (!c.acceptSymbol(")")) {
                        String formatOption = c.word();
                        c.expectSymbol("=");
                        String value = c.value().toUpperCase(Locale.ROOT);
                        if (formatOption.equals("TYPE") && value.equals("JSON")) {
                            json = true;
                        } else if (!formatOption.equals("COMPRESSION") || !List.of("AUTO", "GZIP", "NONE")
                                .contains(value)) {
                            throw SqlException.unsupported("the file format option " + formatOption + " = " + value
                                    + " (TYPE = JSON and COMPRESSION only)", c.line(), statement);
                        }
                        c.acceptSymbol(",");
                    }
                }
                case "MATCH_BY_COLUMN_NAME" -> match = c.value().toUpperCase(Locale.ROOT);
                case "ON_ERROR" -> {
                    String value = c.value().toUpperCase(Locale.ROOT);
                    if (!value.equals("ABORT_STATEMENT")) {
                        throw SqlException.unsupported("ON_ERROR = " + value + " in COPY (ABORT_STATEMENT only;"
                                + " pipes skip bad files)", c.line(), statement);
                    }
                }
                case "FORCE" -> force = c.value().equalsIgnoreCase("TRUE");
                case "PURGE" -> purge = c.value().equalsIgnoreCase("TRUE");
                default -> throw SqlException.unsupported("the COPY option " + option, c.line(), statement);
            }
        }
        if (!json) {
            throw SqlException.unsupported("COPY without FILE_FORMAT = (TYPE = JSON) (JSON files only)", 1,
                    statement);
        }
        if (!"CASE_INSENSITIVE".equals(match) && !"CASE_SENSITIVE".equals(match)) {
            throw SqlException.unsupported("COPY of JSON without MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE or"
                    + " CASE_SENSITIVE", 1, statement);
        }
        return new Definition(table, m.group(2), List.copyOf(files), pattern, match.equals("CASE_SENSITIVE"),
                force, purge);
    }

    /**
     * Loads the location's files not loaded into the table yet. {@code skipBadFiles}: each file in a transaction
     * of its own and a failed one recorded and skipped (a pipe); otherwise all in the caller's transaction and the
     * first failure thrown.
     */
    static List<LoadedFile> load(EmulatorSession s, Definition copy, boolean skipBadFiles) throws SQLException {
        ObjectName table = s.resolve(copy.table());
        if (!EmulatorCatalog.tableExists(s.connection(), table)) {
            throw new SqlException("Table '" + table.qualified() + "' does not exist or not authorized.", null);
        }
        Stages.Location location = Stages.Location.parse(s, copy.location());
        Path root = location.directory(s);
        // a pipe does not try a file that failed again either (it would fail the same way until it is replaced)
        Set<String> loaded = copy.force() ? Set.of() : new HashSet<>(Stages.strings(s.connection(),
                "SELECT FILE_NAME FROM " + table.meta("LOAD_HISTORY") + " WHERE SCHEMA_NAME = "
                        + lit(table.schema()) + " AND TABLE_NAME = " + lit(table.name())
                        + (skipBadFiles ? "" : " AND STATUS = 'LOADED'")));
        Map<String, String> columns = EmulatorCatalog.columnTypes(s.connection(), table);
        List<LoadedFile> results = new ArrayList<>();
        for (String file : location.files(s)) {
            String relative = location.path().isEmpty() ? file
                    : file.substring(location.path().length()).replaceFirst("^/", "");
            String name = location.stage().name().toLowerCase(Locale.ROOT) + "/" + file;
            if (file.endsWith(".part") || loaded.contains(name)
                    || (!copy.files().isEmpty() && !copy.files().contains(relative))
                    || (copy.pattern() != null && !copy.pattern().matcher(file).matches())) {
                continue;
            }
            Path path = root.resolve(file);
            if (skipBadFiles) {
                s.run("BEGIN TRANSACTION");
            }
            try {
                long rows = insert(s, table, columns, path, copy.caseSensitive());
                record(s, table, name, rows, "LOADED", null);
                if (skipBadFiles) {
                    s.run("COMMIT");
                }
                results.add(new LoadedFile(name, rows, null));
            } catch (SQLException e) {
                if (!skipBadFiles) {
                    throw new SqlException("COPY INTO " + table.name() + " failed on file '" + name + "': "
                            + e.getMessage(), e);
                }
                s.run("ROLLBACK");
                record(s, table, name, 0, "LOAD_FAILED", e.getMessage());
                results.add(new LoadedFile(name, 0, e.getMessage()));
            }
        }
        if (copy.purge()) {
            for (LoadedFile file : results) {
                if (file.error() == null) {
                    try {
                        Files.deleteIfExists(root.resolve(file.file().substring(file.file().indexOf('/') + 1)));
                    } catch (IOException e) {
                        // Snowflake does not fail a load whose purge fails: the file stays, and is not loaded again
                    }
                }
            }
        }
        return results;
    }

    /** The rows of one file into the table, each field into the column of its name. */
    private static long insert(EmulatorSession s, ObjectName table, Map<String, String> columns, Path file,
                               boolean caseSensitive) throws SQLException {
        String source = "read_json_objects(" + lit(file.toAbsolutePath().toString())
                + ", format = 'newline_delimited')";
        // a column's field may be spelt differently from row to row: the first spelling present is taken
        Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
        for (String key : Stages.strings(s.connection(), "SELECT DISTINCT unnest(json_keys(json)) FROM " + source
                + " ORDER BY 1")) {
            columns.keySet().stream().filter(c -> caseSensitive ? c.equals(key) : c.equalsIgnoreCase(key))
                    .findFirst().ifPresent(column -> fields.computeIfAbsent(column, c -> new ArrayList<>())
                            .add(lit("$.\"" + key.replace("\"", "\\\"") + "\"")));
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        fields.forEach((column, paths) -> {
            String type = columns.get(column);
            List<String> read = paths.stream().map(path -> type.equals("JSON") ? "json -> " + path
                    : "CAST(json ->> " + path + " AS " + type + ")").toList();
            names.add(q(column));
            values.add(read.size() == 1 ? read.get(0) : "COALESCE(" + String.join(", ", read) + ")");
        });
        if (names.isEmpty()) {
            throw new SqlException("No field of the file matches a column of " + table.name(), null);
        }
        try (Statement st = s.connection().createStatement()) {
            return st.executeUpdate("INSERT INTO " + table.sql() + " (" + String.join(", ", names) + ") SELECT "
                    + String.join(", ", values) + " FROM " + source);
        }
    }

    private static void record(EmulatorSession s, ObjectName table, String file, long rows, String status,
                               String error) throws SQLException {
        s.run("INSERT OR REPLACE INTO " + table.meta("LOAD_HISTORY") + " VALUES (" + lit(table.schema()) + ", "
                + lit(table.name()) + ", " + lit(file) + ", " + rows + ", " + lit(status) + ", "
                + (error == null ? "NULL" : lit(error)) + ", now())");
    }

    /** COPY's result: a row per file, or a status when there was nothing to load. */
    static String result(List<LoadedFile> files) {
        if (files.isEmpty()) {
            return Commands.status("Copy executed with 0 files processed.");
        }
        StringBuilder rows = new StringBuilder();
        for (LoadedFile file : files) {
            rows.append(rows.isEmpty() ? "(" : ", (").append(lit(file.file())).append(", ")
                    .append(lit(file.error() == null ? "LOADED" : "LOAD_FAILED")).append(", ").append(file.rows())
                    .append(", ").append(file.rows()).append(", 1, ").append(file.error() == null ? 0 : 1)
                    .append(", ").append(file.error() == null ? "NULL" : lit(file.error())).append(")");
        }
        return "SELECT * FROM (VALUES " + rows + ") AS t(" + q("file") + ", " + q("status") + ", "
                + q("rows_parsed") + ", " + q("rows_loaded") + ", " + q("error_limit") + ", " + q("errors_seen")
                + ", " + q("first_error") + ")";
    }
}
