package dev.snowpipecdc.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.snowpipecdc.warehouse.sql.SqlTokenizer;
import dev.snowpipecdc.warehouse.sql.SqlToken;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned Snowflake SQL scripts ({@code V001__landing.sql}, ...) to the warehouse in version order,
 * statement by statement. The scripts are idempotent (IF NOT EXISTS), so applying them at every start is safe.
 */
public final class SchemaScripts {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaScripts.class);
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__[^/]*\\.sql");

    private final DataSource warehouse;
    private final String location;

    /** @param location where the scripts are, e.g. {@code classpath:sql} or {@code file:sql} */
    public SchemaScripts(DataSource warehouse, String location) {
        this.warehouse = warehouse;
        this.location = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }

    /** @return how many scripts were applied */
    public int apply(CamelContext context) throws Exception {
        List<Resource> scripts = PluginHelper.getPackageScanResourceResolver(context)
                .findResources(location + "/V*.sql").stream()
                .filter(r -> VERSIONED.matcher(fileName(r)).matches())
                .sorted(Comparator.comparingInt(SchemaScripts::version))
                .toList();
        if (scripts.isEmpty()) {
            throw new IllegalStateException("No versioned SQL scripts (V<n>__<name>.sql) found at " + location);
        }
        try (Connection connection = warehouse.getConnection()) {
            for (Resource script : scripts) {
                apply(connection, script);
            }
        }
        return scripts.size();
    }

    private static void apply(Connection connection, Resource script) throws IOException, SQLException {
        String sql;
        try (InputStream in = script.getInputStream()) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (List<SqlToken> statement : SqlTokenizer.statements(sql)) {
            String text = render(statement);
            try (Statement st = connection.createStatement()) {
                st.execute(text);
            } catch (SQLException e) {
                int line = statement.stream().filter(t -> !t.isTrivia()).findFirst().map(SqlToken::line).orElse(0);
                throw new SQLException("Script " + fileName(script) + " failed at line " + line + ": "
                        + e.getMessage(), e.getSQLState(), e);
            }
        }
        LOG.info("Applied {}", fileName(script));
    }

    private static String render(List<SqlToken> statement) {
        StringBuilder text = new StringBuilder();
        statement.forEach(t -> text.append(t.text()));
        return text.toString().strip();
    }

    private static int version(Resource script) {
        Matcher m = VERSIONED.matcher(fileName(script));
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static String fileName(Resource resource) {
        String location = resource.getLocation();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
