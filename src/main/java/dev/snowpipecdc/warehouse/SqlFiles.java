package dev.snowpipecdc.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * The SQL in {@code cdc.sql.location} ({@code classpath:sql} in the jar, or {@code file:sql}):
 * versioned scripts {@code V<n>__<name>.sql} in version order, repeatable scripts {@code R__<name>.sql} by name,
 * the per-table template {@code templates/table.sql}, and the {@code quality/} and {@code monitoring/} queries.
 */
public final class SqlFiles {

    public static final String TABLE_TEMPLATE = "templates/table.sql";
    public static final String TABLE_WITHOUT_KEY_TEMPLATE = "templates/table_without_key.sql";
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__\\w+\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__\\w+\\.sql");

    private final CamelContext context;
    private final String location;
    /** Every .sql file under the location by its path there (e.g. quality/x.sql), read once. */
    private Map<String, SqlFile> files;

    /** @param location e.g. {@code classpath:sql} or {@code file:sql} */
    public SqlFiles(CamelContext context, String location) {
        this.context = context;
        this.location = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }

    public List<SqlFile> versioned() {
        List<SqlFile> files = in("").stream()
                .filter(f -> VERSIONED.matcher(f.fileName()).matches())
                .sorted(Comparator.comparingInt(SqlFiles::version))
                .toList();
        if (files.isEmpty()) {
            throw new IllegalStateException("No versioned SQL scripts (V<n>__<name>.sql) found at " + location);
        }
        for (int i = 1; i < files.size(); i++) {
            if (version(files.get(i)) == version(files.get(i - 1))) {
                throw new IllegalStateException("Two scripts with version " + version(files.get(i)) + ": "
                        + files.get(i - 1).fileName() + " and " + files.get(i).fileName());
            }
        }
        return files;
    }

    public List<SqlFile> repeatable() {
        return in("").stream()
                .filter(f -> REPEATABLE.matcher(f.fileName()).matches())
                .sorted(Comparator.comparing(SqlFile::fileName))
                .toList();
    }

    /** The objects of a table with a key ({@link #TABLE_TEMPLATE}) or without one. */
    public SqlFile tableTemplate(boolean withKey) {
        String path = withKey ? TABLE_TEMPLATE : TABLE_WITHOUT_KEY_TEMPLATE;
        SqlFile template = all().get(path);
        if (template == null) {
            throw new IllegalStateException("No per-table template " + path + " at " + location);
        }
        return template;
    }

    public List<SqlFile> quality() {
        return in("quality/");
    }

    public List<SqlFile> monitoring() {
        return in("monitoring/");
    }

    public static int version(SqlFile file) {
        Matcher m = VERSIONED.matcher(file.fileName());
        if (!m.matches()) {
            throw new IllegalArgumentException(file.fileName() + " is not a versioned script");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Camel's application class loader where one is set, else the one that loaded the pipeline. */
    private ClassLoader classLoader() {
        ClassLoader loader = context.getApplicationContextClassLoader();
        return loader != null ? loader : SqlFiles.class.getClassLoader();
    }

    /** The .sql files directly in {@code folder} ("" or "quality/"), by path. */
    private List<SqlFile> in(String folder) {
        return all().values().stream().filter(f -> f.path().equals(folder + f.fileName())).toList();
    }

    /**
     * The files are listed once: they do not change while the pipeline runs, and the monitoring routes ask for
     * their queries on every poll. Not with Camel's package scan: in the runnable jar it inflates all of the jar's
     * 180 MB for every pattern (seconds each, measured); the jar's own index lists them at once.
     */
    private synchronized Map<String, SqlFile> all() {
        if (files == null) {
            try {
                Map<String, SqlFile> found = new TreeMap<>();
                for (String path : SqlLocation.list(location, classLoader())) {
                    Resource resource = PluginHelper.getResourceLoader(context).resolveResource(location + "/" + path);
                    found.put(path, new SqlFile(path, read(resource)));
                }
                files = found;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the SQL files at " + location + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            // the same text on every platform, whatever line endings a checkout gave it
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource.getLocation(), e);
        }
    }

}
