package dev.snowpipecdc.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import com.sun.management.OperatingSystemMXBean;

/** The machine, the versions and the JVM a bench ran on, for the report. */
record Environment(Map<String, String> machine, Map<String, String> versions) {

    static Environment describe(DataSource source) {
        Map<String, String> machine = new LinkedHashMap<>();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        machine.put("CPU", cpuModel());
        machine.put("cores available to the JVM", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("memory", String.format(Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        machine.put("operating system", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("JVM options", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        machine.put("max heap", String.format(Locale.ROOT, "%.0f MiB", Runtime.getRuntime().maxMemory() / 1048576.0));
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("PostgreSQL", query(source, "SHOW server_version"));
        versions.put("Apache Camel", artifact("org.apache.camel", "camel-core-engine"));
        versions.put("Debezium", artifact("io.debezium", "debezium-embedded"));
        versions.put("Snowflake ingest SDK (classic)", artifact("net.snowflake", "snowflake-ingest-sdk"));
        // that jar records no pom.properties of its own; its Version class says
        versions.put("Snowflake Snowpipe Streaming SDK (high-performance)",
                com.snowflake.ingest.streaming.Version.VERSION.replaceFirst("^v", ""));
        versions.put("DuckDB (embedded warehouse)", duckDb());
        return new Environment(machine, versions);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture says enough
        }
        return System.getProperty("os.arch");
    }

    /** The version Maven recorded in the artifact's jar (kept in the runnable jar), or "unknown". */
    private static String artifact(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Environment.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String duckDb() {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            return query(c, "SELECT version()");
        } catch (SQLException e) {
            return "unknown";
        }
    }

    private static String query(DataSource source, String sql) {
        try (Connection c = source.getConnection()) {
            return query(c, sql);
        } catch (SQLException e) {
            return "unknown";
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "unknown";
        }
    }
}
