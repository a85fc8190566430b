package dev.snowpipecdc.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
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

    /** @param location e.g. {@code classpath:sql} or {@code file:sql} */
    public SqlFiles(CamelContext context, String location) {
        this.context = context;
        this.location = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }

    public List<SqlFile> versioned() {
        List<SqlFile> files = find("", "V*.sql").stream()
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
        return find("", "R__*.sql").stream()
                .filter(f -> REPEATABLE.matcher(f.fileName()).matches())
                .sorted(Comparator.comparing(SqlFile::fileName))
                .toList();
    }

    /** The objects of a table with a key ({@link #TABLE_TEMPLATE}) or without one. */
    public SqlFile tableTemplate(boolean withKey) {
        String path = withKey ? TABLE_TEMPLATE : TABLE_WITHOUT_KEY_TEMPLATE;
        Resource resource = PluginHelper.getResourceLoader(context).resolveResource(location + "/" + path);
        if (resource == null || !resource.exists()) {
            throw new IllegalStateException("No per-table template " + path + " at " + location);
        }
        return new SqlFile(path, read(resource));
    }

    public List<SqlFile> quality() {
        return find("quality/", "*.sql");
    }

    public List<SqlFile> monitoring() {
        return find("monitoring/", "*.sql");
    }

    public static int version(SqlFile file) {
        Matcher m = VERSIONED.matcher(file.fileName());
        if (!m.matches()) {
            throw new IllegalArgumentException(file.fileName() + " is not a versioned script");
        }
        return Integer.parseInt(m.group(1));
    }

    private List<SqlFile> find(String folder, String pattern) {
        try {
            return PluginHelper.getPackageScanResourceResolver(context)
                    .findResources(location + "/" + folder + pattern).stream()
                    .map(r -> new SqlFile(folder + fileName(r), read(r)))
                    .sorted(Comparator.comparing(SqlFile::path))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot list " + location + "/" + folder + pattern + ": " + e.getMessage(), e);
        }
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            // the same text on every platform, whatever line endings a checkout gave it
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource.getLocation(), e);
        }
    }

    private static String fileName(Resource resource) {
        String path = resource.getLocation();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
