package dev.snowpipecdc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.camel.main.MainConstants;
import org.apache.camel.main.MainHelper;

/**
 * The file named by {@code CAMEL_MAIN_OVERRIDE_PROPERTIES_LOCATION} (or the system property
 * {@code camel.main.override-properties-location}): an application.properties of the user's (a Kubernetes ConfigMap,
 * say) whose keys win over the packaged defaults.
 *
 * <p>Camel Main reads that file itself only when the application sets no override of its own, and then silently
 * ignores it; {@code run --data-dir} sets one. So the application reads it here and adds its own overrides after it.
 */
final class OverridePropertiesFile {

    private static final String FILE = "file:";
    private static final String CLASSPATH = "classpath:";

    private OverridePropertiesFile() {
    }

    /** The file's settings, or none when no location is set. */
    static Map<String, String> settings() {
        return MainHelper.lookupPropertyFromSysOrEnv(MainConstants.OVERRIDE_PROPERTIES_LOCATION)
                .map(OverridePropertiesFile::load).orElse(Map.of());
    }

    private static Map<String, String> load(String location) {
        Properties properties = new Properties();
        try (InputStream in = open(location)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the settings file " + location + " that "
                    + MainConstants.OVERRIDE_PROPERTIES_LOCATION + " names", e);
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
        return settings;
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith(CLASSPATH)) {
            InputStream in = OverridePropertiesFile.class.getClassLoader()
                    .getResourceAsStream(location.substring(CLASSPATH.length()));
            if (in == null) {
                throw new IOException("no such resource on the classpath");
            }
            return in;
        }
        return Files.newInputStream(Path.of(location.startsWith(FILE) ? location.substring(FILE.length()) : location));
    }

}
