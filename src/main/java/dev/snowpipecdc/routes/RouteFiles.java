package dev.snowpipecdc.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which YAML route files the pipeline loads: those of its topology ({@code cdc.topology}), each from the routes
 * folder on disk ({@code cdc.routes.dir}) where it is there and from the jar's routes/ otherwise, plus any other
 * {@code *.camel.yaml} in that folder. So routes can be edited without rebuilding, and a folder with only
 * tables.camel.yaml changes only that. Camel's own {@code camel.main.routes-include-pattern}, when set, wins.
 * Named file by file: a classpath pattern would make Camel inflate the whole jar to find them, seconds at start.
 */
public final class RouteFiles extends MainListenerSupport {

    public static final String ROUTES_DIR = "cdc.routes.dir";
    private static final String CAMEL_SETTING = "camel.main.routes-include-pattern";
    private static final String SUFFIX = ".camel.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(RouteFiles.class);

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent props = main.getCamelContext().getPropertiesComponent();
        if (setting(props, CAMEL_SETTING).isPresent()) {
            return;
        }
        Topology topology = Topology.of(setting(props, Topology.SETTING).orElse(null));
        String pattern = includePattern(topology, setting(props, ROUTES_DIR).map(Path::of));
        LOG.info("Routes of topology {}: {}", topology.setting(), pattern);
        main.configure().setRoutesIncludePattern(pattern);
    }

    /** The files, as Camel's comma-separated include pattern. */
    static String includePattern(Topology topology, Optional<Path> routesDir) {
        List<String> files = new ArrayList<>();
        if (routesDir.isPresent() && !Files.isDirectory(routesDir.get())) {
            throw new IllegalArgumentException(ROUTES_DIR + " (CDC_ROUTES_DIR) = " + routesDir.get()
                    + " is not a folder");
        }
        for (String name : topology.routeFiles()) {
            Optional<Path> onDisk = routesDir.map(dir -> dir.resolve(name + SUFFIX)).filter(Files::isRegularFile);
            files.add(onDisk.map(f -> "file:" + f.toAbsolutePath()).orElse("classpath:routes/" + name + SUFFIX));
        }
        routesDir.ifPresent(dir -> others(dir).forEach(f -> files.add("file:" + f.toAbsolutePath())));
        return String.join(",", files);
    }

    /**
     * The folder's route files that are no topology's own: one folder (a Kubernetes ConfigMap, say) may serve every
     * topology, and a publish pod must not load the table routes it holds for the consume pods.
     */
    private static List<Path> others(Path dir) {
        Set<String> known = new HashSet<>();
        for (Topology any : Topology.values()) {
            known.addAll(any.routeFiles());
        }
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                    .filter(f -> !known.contains(f.getFileName().toString().replace(SUFFIX, "")))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + ROUTES_DIR + " " + dir, e);
        }
    }

    private static Optional<String> setting(PropertiesComponent props, String key) {
        return props.resolveProperty(key).map(String::strip).filter(v -> !v.isEmpty());
    }
}
