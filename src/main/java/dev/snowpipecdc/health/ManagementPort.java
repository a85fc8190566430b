package dev.snowpipecdc.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.function.Function;

/**
 * The management server (health and metrics) must get its port. Camel's server only logs a WARN when the port is
 * taken and the pipeline would run on without health or metrics, while whatever probes that port talks to another
 * process; so the port is tried before the server starts, and a taken one stops the start with the setting to
 * change.
 */
public final class ManagementPort {

    private ManagementPort() {
    }

    /** @param settings a setting by key, empty when not set */
    public static void requireFree(Function<String, Optional<String>> settings) {
        if (!settings.apply("camel.management.enabled").map(Boolean::parseBoolean).orElse(false)) {
            return;
        }
        int port = settings.apply("camel.management.port").map(Integer::parseInt).orElse(9876);
        if (port == 0) {
            return;
        }
        String host = settings.apply("camel.management.host").orElse("0.0.0.0");
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("The management server (health and metrics) cannot listen on " + host
                    + ":" + port + " (" + e.getMessage() + "; another process holds it?): set camel.management.port"
                    + " (CDC_MANAGEMENT_PORT) to a free port, 0 for any free one, or camel.management.enabled=false"
                    + " (CDC_MANAGEMENT_ENABLED) to run without it");
        }
    }
}
