package dev.snowpipecdc.emulator.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the emulated Snowpipe Streaming service, on 127.0.0.1 and an ephemeral port. The SDK accepts
 * plain http URLs but not the host name {@code localhost} (research/snowpipe.md A7), so the URL uses the IP.
 * Authentication is not checked: the JWT the SDK sends is signed with a key the emulator made up itself.
 */
public final class IngestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @FunctionalInterface
    private interface Endpoint {
        ObjectNode handle(JsonNode request) throws Exception;
    }

    private final StreamingIngestService service;
    private final HighPerformanceIngestService highPerformance;
    private final ExecutorService executor;
    private final int port;
    private HttpServer server;

    private IngestServer(StreamingIngestService service, HighPerformanceIngestService highPerformance,
                         ExecutorService executor, HttpServer server) {
        this.service = service;
        this.highPerformance = highPerformance;
        this.executor = executor;
        this.server = server;
        this.port = server.getAddress().getPort();
    }

    /**
     * @param service         the classic architecture's endpoints ({@code /v1/streaming/...})
     * @param highPerformance the high-performance architecture's ({@code /v2/streaming/...}, {@code /oauth/token})
     */
    public static IngestServer start(StreamingIngestService service, HighPerformanceIngestService highPerformance)
            throws IOException {
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "snowpipe-emulator-http");
            t.setDaemon(true);
            return t;
        });
        return new IngestServer(service, highPerformance, executor, listen(0, service, highPerformance, executor));
    }

    private static HttpServer listen(int port, StreamingIngestService service,
                                     HighPerformanceIngestService highPerformance, ExecutorService executor)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        bind(server, "/v1/streaming/client/configure/", service::configureClient);
        bind(server, "/v1/streaming/channels/open/", service::openChannel);
        bind(server, "/v1/streaming/channels/status/", service::channelStatus);
        bind(server, "/v1/streaming/channels/write/blobs/", service::registerBlobs);
        bind(server, "/v1/streaming/channels/drop/", service::dropChannel);
        HighPerformanceEndpoints.bind(server, highPerformance);
        // the SDK reports its own metrics every 10 s; accepted and dropped
        server.createContext("/telemetry/", exchange -> reply(exchange, 200, MAPPER.createObjectNode()));
        server.start();
        return server;
    }

    /** An outage, for fault drills: the endpoints stop listening, so connections are refused until resumed. */
    public synchronized void suspend() {
        if (server != null) {
            server.stop(0);
            server = null;
            LOG.warn("Snowpipe Streaming endpoints suspended (outage drill)");
        }
    }

    /** Ends an outage: the endpoints listen again, on the same port. */
    public synchronized void resume() throws IOException {
        if (server == null) {
            server = listen(port, service, highPerformance, executor);
            LOG.warn("Snowpipe Streaming endpoints resumed");
        }
    }

    /** The account URL to give the SDK, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private static void bind(HttpServer server, String path, Endpoint endpoint) {
        server.createContext(path, exchange -> {
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(exchange.getRequestMethod()) || contentType == null
                    || !contentType.startsWith("application/json")) {
                // the SDK always POSTs JSON; anything else (e.g. a browser's form post) is not for us
                reply(exchange, 415, error("Expected a POST of application/json"));
                return;
            }
            try {
                JsonNode request = readJson(exchange);
                reply(exchange, 200, endpoint.handle(request));
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, error(e.getMessage()));
            } catch (Exception e) {
                LOG.error("Snowpipe Streaming emulator failed on {}", path, e);
                // status 10 asks the SDK to retry, as Snowflake does for transient failures
                ObjectNode body = error("Embedded warehouse error: " + e.getMessage());
                body.put("status_code", IngestStatus.RETRY_REQUEST.code);
                reply(exchange, 200, body);
            }
        });
    }

    private static JsonNode readJson(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            return body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        }
    }

    private static ObjectNode error(String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("status_code", 400);
        node.put("message", message);
        return node;
    }

    private static void reply(HttpExchange exchange, int httpStatus, JsonNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(httpStatus, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops accepting requests and waits (briefly) for those in progress. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
