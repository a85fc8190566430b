package dev.snowpipecdc.monitoring;

import java.util.OptionalInt;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/** Camel Main's management HTTP server (/observe/health, /observe/metrics), if camel.management.enabled. */
public final class ManagementServer {

    private ManagementServer() {
    }

    /**
     * The port it listens on (the one it was given, when camel.management.port is 0). The management server is
     * the only Vert.x server here: the pipeline serves no platform-http routes (camel.server.* stays off).
     */
    public static OptionalInt port(CamelContext context) {
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        return server == null ? OptionalInt.empty() : OptionalInt.of(server.getPort());
    }
}
