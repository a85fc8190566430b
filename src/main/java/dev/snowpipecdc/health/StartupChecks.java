package dev.snowpipecdc.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.snowpipecdc.routes.Endpoints;
import dev.snowpipecdc.warehouse.tables.TableSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * What the pipeline checks once its routes exist, before it touches the warehouse or the source: mistakes in the
 * wiring that would otherwise leave it running without capturing anything, or making a route for a table it
 * never sees. Each is an error naming the fix (the schema route hands it to {@link StartupFailure}).
 */
public final class StartupChecks {

    private StartupChecks() {
    }

    /** The mistakes found, each with its fix. */
    public static final class Mistakes extends IllegalStateException {
        Mistakes(List<String> mistakes) {
            super(String.join("; ", mistakes));
        }
    }

    /** @throws Mistakes naming every mistake found */
    public static void verify(CamelContext context) {
        List<String> mistakes = new ArrayList<>();
        if (context.getRoute(Endpoints.SOURCE_ROUTE_ID) == null) {
            mistakes.add("no source route: no route loaded has the id " + Endpoints.SOURCE_ROUTE_ID + "; the"
                    + " topology's source route file (routes/source-*.camel.yaml) makes it: keep it (or a route of your"
                    + " own with that id) in cdc.routes.dir (CDC_ROUTES_DIR) or camel.main.routes-include-pattern");
        }
        Set<String> captured = TableSettings.sourceTables(
                context.resolvePropertyPlaceholders("{{" + TableSettings.TABLES + ":}}")).stream()
                .map(entry -> entry[1]).collect(Collectors.toCollection(TreeSet::new));
        for (Route route : context.getRoutes()) {
            Object table = route.getProperties().get(Endpoints.TABLE_ROUTE_PROPERTY);
            if (table != null && !captured.contains(table.toString())) {
                mistakes.add("route " + route.getRouteId() + " is for table " + table + ", which "
                        + TableSettings.TABLES + " (CDC_SOURCE_TABLES) does not capture: add <schema>." + table
                        + " to it, or remove the route");
            }
        }
        if (!mistakes.isEmpty()) {
            throw new Mistakes(mistakes);
        }
    }
}
