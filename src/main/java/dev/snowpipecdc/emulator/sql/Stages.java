package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.lit;
import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.q;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import dev.snowpipecdc.emulator.sql.EmulatorCatalog.ObjectName;

/**
 * Internal named stages: {@code CREATE STAGE}, {@code PUT} of a local file (gzip-compressed unless
 * {@code AUTO_COMPRESS = FALSE}, as the Snowflake drivers do) and {@code REMOVE}. A stage's files are a directory
 * of the warehouse's data directory. Loading from a stage is {@link CopyInto}.
 */
final class Stages {

    private static final Pattern PUT = Pattern.compile(
            "(?is)PUT\\s+'?file://([^'\\s]+)'?\\s+@([^\\s;]+)\\s*(.*?)\\s*;?\\s*");
    private static final Pattern REMOVE = Pattern.compile(
            "(?is)(?:REMOVE|RM)\\s+@([^\\s;]+)\\s*(.*?)\\s*;?\\s*");

    /** A stage and a path in it, as in {@code @stage/path/}: the path is "" for the whole stage. */
    record Location(ObjectName stage, String path) {

        /** @stage/path: a stage's (maybe qualified) name, then an optional path. */
        static Location parse(EmulatorSession s, String text) throws SQLException {
            int slash = text.indexOf('/');
            String name = slash < 0 ? text : text.substring(0, slash);
            String path = slash < 0 ? "" : text.substring(slash + 1);
            if (name.startsWith("~") || name.startsWith("%")) {
                throw new SqlException("The embedded warehouse has named internal stages only, not @" + name
                        + " (CREATE STAGE a named stage)", null);
            }
            return new Location(s.resolve(new TokenCursor(name).name()), path);
        }

        /** The stage's directory: the stage must exist. */
        Path directory(EmulatorSession s) throws SQLException {
            if (!EmulatorCatalog.exists(s.connection(), "SELECT 1 FROM " + stage.meta("STAGES")
                    + " WHERE SCHEMA_NAME = ? AND NAME = ?", stage.schema(), stage.name())) {
                throw new SqlException("Stage '" + stage.qualified() + "' does not exist or not authorized.", null);
            }
            return s.host().stageDirectory().resolve(stage.database()).resolve(stage.schema())
                    .resolve(stage.name());
        }

        /** The files under this location, as paths relative to the stage, in name order. */
        List<String> files(EmulatorSession s) throws SQLException {
            Path root = directory(s);
            if (!Files.isDirectory(root)) {
                return List.of();
            }
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
                        .filter(f -> f.startsWith(path)).sorted().toList();
            } catch (IOException e) {
                throw new SqlException("Cannot list stage " + stage.qualified() + ": " + e.getMessage(), e);
            }
        }
    }

    private Stages() {
    }

    /** CREATE [OR REPLACE] STAGE [IF NOT EXISTS] name [COMMENT = '...']: an internal stage. */
    static Commands.Command create(TokenCursor c, boolean replace) throws SQLException {
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        List<String> name = c.name();
        while (!c.atEnd()) {
            String option = c.word();
            if (!option.equals("COMMENT")) {
                throw SqlException.unsupported("the stage option " + option + " (internal stages without options"
                        + " only)", c.line(), c.rest());
            }
            c.expectSymbol("=");
            c.value();
        }
        return s -> {
            ObjectName stage = s.resolve(name);
            boolean exists = EmulatorCatalog.exists(s.connection(), "SELECT 1 FROM " + stage.meta("STAGES")
                    + " WHERE SCHEMA_NAME = ? AND NAME = ?", stage.schema(), stage.name());
            if (exists && ifNotExists) {
                return Commands.status(stage.name() + " already exists, statement succeeded.");
            }
            if (exists && !replace) {
                throw new SqlException("Object '" + stage.name() + "' already exists.", null);
            }
            if (exists) {
                drop(s, stage);
            }
            s.run("INSERT INTO " + stage.meta("STAGES") + " VALUES (" + lit(stage.schema()) + ", "
                    + lit(stage.name()) + ", now())");
            return Commands.status("Stage area " + stage.name() + " successfully created.");
        };
    }

    /** DROP STAGE [IF EXISTS] name: the stage and its files. */
    static Commands.Command drop(TokenCursor c) throws SQLException {
        boolean ifExists = c.accept("IF", "EXISTS");
        List<String> name = c.name();
        return s -> {
            ObjectName stage = s.resolve(name);
            if (!EmulatorCatalog.exists(s.connection(), "SELECT 1 FROM " + stage.meta("STAGES")
                    + " WHERE SCHEMA_NAME = ? AND NAME = ?", stage.schema(), stage.name())) {
                if (ifExists) {
                    return Commands.status("Drop statement executed successfully (" + stage.name()
                            + " already dropped).");
                }
                throw new SqlException("Stage '" + stage.qualified() + "' does not exist or not authorized.", null);
            }
            drop(s, stage);
            return Commands.status(stage.name() + " successfully dropped.");
        };
    }

    private static void drop(EmulatorSession s, ObjectName stage) throws SQLException {
        Path directory = new Location(stage, "").directory(s);
        s.run("DELETE FROM " + stage.meta("STAGES") + " WHERE SCHEMA_NAME = " + lit(stage.schema())
                + " AND NAME = " + lit(stage.name()));
        deleteTree(directory);
    }

    /**
     * PUT file:///path @stage[/path] [AUTO_COMPRESS = TRUE|FALSE] [OVERWRITE = TRUE|FALSE] [PARALLEL = n]: one
     * local file into the stage, gzip-compressed (".gz" added) by default. A file already staged under that name is
     * SKIPPED unless OVERWRITE = TRUE. The result has the drivers' columns.
     */
    static Commands.Command put(String statement) throws SQLException {
        Matcher m = PUT.matcher(statement);
        if (!m.matches()) {
            throw new SqlException("Cannot read PUT: expected PUT file:///path @stage[/path] [options], not: "
                    + statement.strip(), null);
        }
        Path source = Path.of(m.group(1));
        String target = m.group(2);
        Map<String, String> options = options(m.group(3), List.of("AUTO_COMPRESS", "OVERWRITE", "PARALLEL",
                "SOURCE_COMPRESSION"), "PUT");
        boolean compress = !options.getOrDefault("AUTO_COMPRESS", "TRUE").equals("FALSE");
        boolean overwrite = options.getOrDefault("OVERWRITE", "FALSE").equals("TRUE");
        return Commands.nonTransactional(s -> {
            Location location = Location.parse(s, target);
            if (!Files.isRegularFile(source)) {
                throw new SqlException("File doesn't exist: " + source, null);
            }
            String name = source.getFileName() + (compress && !source.toString().endsWith(".gz") ? ".gz" : "");
            String path = location.path().isEmpty() || location.path().endsWith("/") ? location.path() + name
                    : location.path() + "/" + name;
            Path staged = location.directory(s).resolve(path);
            String status = "UPLOADED";
            try {
                if (Files.exists(staged) && !overwrite) {
                    status = "SKIPPED";
                } else {
                    Files.createDirectories(staged.getParent());
                    Path partial = staged.resolveSibling(staged.getFileName() + ".part");
                    try (InputStream in = Files.newInputStream(source);
                         OutputStream out = compress && !name.equals(source.getFileName().toString())
                                 ? new GZIPOutputStream(Files.newOutputStream(partial), 64 * 1024)
                                 : Files.newOutputStream(partial)) {
                        in.transferTo(out);
                    }
                    // a COPY that lists the stage meanwhile sees the whole file or none of it
                    Files.move(partial, staged, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                return "SELECT * FROM (VALUES (" + lit(source.getFileName().toString()) + ", " + lit(name) + ", "
                        + Files.size(source) + ", " + Files.size(staged) + ", 'NONE', "
                        + lit(compress ? "GZIP" : "NONE") + ", " + lit(status) + ", '')) AS t(" + q("source")
                        + ", " + q("target") + ", " + q("source_size") + ", " + q("target_size") + ", "
                        + q("source_compression") + ", " + q("target_compression") + ", " + q("status") + ", "
                        + q("message") + ")";
            } catch (IOException e) {
                throw new SqlException("PUT " + source + " failed: " + e.getMessage(), e);
            }
        });
    }

    /** REMOVE @stage[/path] [PATTERN = 'regex']: removes staged files (load history is kept, as in Snowflake). */
    static Commands.Command remove(String statement) throws SQLException {
        Matcher m = REMOVE.matcher(statement);
        if (!m.matches()) {
            throw new SqlException("Cannot read REMOVE: expected REMOVE @stage[/path] [PATTERN = '...'], not: "
                    + statement.strip(), null);
        }
        String target = m.group(1);
        Map<String, String> options = options(m.group(2), List.of("PATTERN"), "REMOVE");
        Pattern pattern = options.containsKey("PATTERN") ? Pattern.compile(options.get("PATTERN")) : null;
        return Commands.nonTransactional(s -> {
            Location location = Location.parse(s, target);
            Path root = location.directory(s);
            List<String> removed = new ArrayList<>();
            for (String file : location.files(s)) {
                if (pattern == null || pattern.matcher(file).matches()) {
                    try {
                        Files.deleteIfExists(root.resolve(file));
                    } catch (IOException e) {
                        throw new SqlException("REMOVE " + file + " failed: " + e.getMessage(), e);
                    }
                    removed.add(file);
                }
            }
            if (removed.isEmpty()) {
                return "SELECT NULL::VARCHAR AS " + q("name") + ", NULL::VARCHAR AS " + q("result") + " LIMIT 0";
            }
            StringBuilder rows = new StringBuilder();
            for (String file : removed) {
                rows.append(rows.isEmpty() ? "(" : ", (").append(lit(location.stage().name().toLowerCase(Locale.ROOT)
                        + "/" + file)).append(", 'removed')");
            }
            return "SELECT * FROM (VALUES " + rows + ") AS t(" + q("name") + ", " + q("result") + ")";
        });
    }

    /**
     * {@code NAME = value} options of a statement read by pattern; values upper-cased but for PATTERN. An option
     * not in {@code known} is refused.
     */
    static Map<String, String> options(String text, List<String> known, String statement) throws SQLException {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        if (text.isBlank()) {
            return options;
        }
        TokenCursor c = new TokenCursor(text);
        while (!c.atEnd()) {
            String option = c.word();
            if (!known.contains(option)) {
                throw SqlException.unsupported(statement + " option " + option, c.line(), text);
            }
            c.expectSymbol("=");
            String value = c.value();
            options.put(option, option.equals("PATTERN") ? value : value.toUpperCase(Locale.ROOT));
        }
        return options;
    }

    private static void deleteTree(Path directory) throws SQLException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new SqlException("Cannot remove the files of " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Rows of a query, first column, as text (for small catalog lookups). */
    static List<String> strings(java.sql.Connection c, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
