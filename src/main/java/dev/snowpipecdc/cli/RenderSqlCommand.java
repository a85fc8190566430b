package dev.snowpipecdc.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import javax.sql.DataSource;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.Settings;
import dev.snowpipecdc.warehouse.MigrationScript;
import dev.snowpipecdc.warehouse.NamedQuery;
import dev.snowpipecdc.warehouse.WarehouseObjects;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@code render-sql [--queries]}: prints what the pipeline would apply to the warehouse with the current settings
 * (application.properties, environment, -D), in the order it applies it: the versioned scripts, each table's
 * objects, the repeatable scripts. Nothing is applied. With {@code --queries}: the quality and monitoring queries
 * instead. Tables without {@code cdc.tables.<table>.columns} are described by the source database's catalog, so
 * that database must be reachable.
 */
public final class RenderSqlCommand {

    public static final String USAGE = "render-sql [--queries]";

    private RenderSqlCommand() {
    }

    /** @param overrides settings that win over every other source (as -D does) */
    public static int run(List<String> argv, PrintStream out, Map<String, String> overrides) throws Exception {
        Args args = Args.parse(argv, Set.of(), Set.of("queries"));
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("classpath:application.properties");
            context.getPropertiesComponent().setOverrideProperties(properties(overrides));
            DataSource source = PipelineConfiguration.sourceDataSource(new Settings(context.getPropertiesComponent()),
                    "snowpipe-cdc-render-sql");
            WarehouseObjects objects = PipelineConfiguration.warehouseObjects(context, source);
            if (args.flag("queries")) {
                printQueries("quality", objects.quality(), out);
                printQueries("monitoring", objects.monitoring(), out);
            } else {
                for (MigrationScript script : objects.scripts()) {
                    out.println("-- ==== " + script.name() + (script.isRepeatable() ? " (repeatable" : " (versioned")
                            + ", checksum " + script.checksum() + ")");
                    out.println(terminated(script.sql()));
                    out.println();
                }
            }
        }
        return 0;
    }

    private static void printQueries(String kind, List<NamedQuery> queries, PrintStream out) {
        for (NamedQuery query : queries) {
            out.println("-- ==== " + kind + ": " + query.label());
            out.println(terminated(query.sql()));
            out.println();
        }
    }

    /** Every statement ends with ';', so the output runs as one script. */
    private static String terminated(String sql) {
        String text = sql.strip();
        return text.endsWith(";") ? text : text + ";";
    }

    private static Properties properties(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }
}
