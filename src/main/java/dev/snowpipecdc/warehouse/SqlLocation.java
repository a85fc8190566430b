package dev.snowpipecdc.warehouse;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists the .sql files under {@code cdc.sql.location}: a folder ({@code file:sql}) or a classpath folder
 * ({@code classpath:sql}), in the jar or in a build's classes folder. A jar is listed from its index (the central
 * directory, which the class loader has open already), without reading its entries.
 */
final class SqlLocation {

    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    private SqlLocation() {
    }

    /** Paths relative to the location, with '/' separators, e.g. {@code quality/scd_gaps_and_overlaps.sql}. */
    static List<String> list(String location, ClassLoader loader) throws IOException {
        List<String> paths = new ArrayList<>();
        if (location.startsWith(FILE)) {
            listFolder(Path.of(location.substring(FILE.length())), paths);
        } else if (location.startsWith(CLASSPATH)) {
            String folder = location.substring(CLASSPATH.length()).replaceAll("^/+|/+$", "");
            for (URL url : Collections.list(loader.getResources(folder))) {
                if (url.getProtocol().equals("jar")) {
                    listJar(((JarURLConnection) url.openConnection()).getJarFile(), folder + "/", paths);
                } else if (url.getProtocol().equals("file")) {
                    listFolder(toPath(url), paths);
                } else {
                    throw new IOException("Cannot list " + url + " (only folders and jars): set cdc.sql.location to"
                            + " file:<folder>");
                }
            }
        } else {
            throw new IllegalArgumentException("cdc.sql.location = " + location + " is neither classpath:<folder> nor"
                    + " file:<folder>");
        }
        return paths;
    }

    private static void listJar(JarFile jar, String prefix, List<String> paths) {
        jar.stream().map(entry -> entry.getName())
                .filter(name -> name.startsWith(prefix) && name.endsWith(".sql"))
                .map(name -> name.substring(prefix.length()))
                .forEach(paths::add);
    }

    private static void listFolder(Path folder, List<String> paths) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            all.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".sql"))
                    .map(f -> folder.relativize(f).toString().replace('\\', '/'))
                    .forEach(paths::add);
        }
    }

    private static Path toPath(URL url) throws IOException {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Unreadable location " + url, e);
        }
    }
}
