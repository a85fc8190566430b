package dev.snowpipecdc.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.snowpipecdc.warehouse.tables.TableSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table routes: every table in {@code cdc.source.tables} gets a route from the {@code cdc-table} template at
 * start, without any YAML. A {@code templatedRoute} of the template in YAML for a table is used instead (to set
 * its enricher, batch size or interval). Also answers, for each change, whether its table has a route, from a set
 * kept here rather than by looking through the context's routes.
 */
public final class TableRoutes {

    /** The bean's name. */
    public static final String BEAN = "tableRoutes";
    /** The id of the route made for a table. */
    public static final String ROUTE_ID_PREFIX = "table-";

    private static final Logger LOG = LoggerFactory.getLogger(TableRoutes.class);

    private final Set<String> routed = ConcurrentHashMap.newKeySet();

    /** Makes a route for each captured table without one; the tables that got one. */
    public List<String> addMissing(CamelContext context) throws Exception {
        Set<String> existing = tablesWithRoutes(context);
        List<String> added = new ArrayList<>();
        for (String[] entry : TableSettings.sourceTables(
                context.resolvePropertyPlaceholders("{{" + TableSettings.TABLES + ":}}"))) {
            String table = entry[1];
            if (!existing.contains(table) && !added.contains(table)) {
                String routeId = TemplatedRouteBuilder.builder(context, Endpoints.TABLE_TEMPLATE)
                        .routeId(ROUTE_ID_PREFIX + table).parameter("table", table).add();
                context.getRouteController().startRoute(routeId);
                added.add(table);
            }
        }
        // what was made here is known here: a route added to a running context may not be listed yet
        routed.addAll(existing);
        routed.addAll(added);
        if (!added.isEmpty()) {
            LOG.info("Table routes made from {} for {}", TableSettings.TABLES, added);
        }
        return added;
    }

    /** Whether changes of the table have a route to go to. */
    public boolean has(String table) {
        return routed.contains(table);
    }

    /** The tables of the routes made from the table template so far, whoever made them. */
    static Set<String> tablesWithRoutes(CamelContext context) {
        Set<String> tables = new TreeSet<>();
        for (Route route : context.getRoutes()) {
            Object table = route.getProperties().get(Endpoints.TABLE_ROUTE_PROPERTY);
            if (table != null) {
                tables.add(table.toString());
            }
        }
        return tables;
    }
}
