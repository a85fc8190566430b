package dev.snowpipecdc.emulator.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.snowpipecdc.emulator.ingest.HighPerformanceIngestService.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paths of the high-performance architecture's REST API on the emulator's HTTP server, each to its
 * {@link HighPerformanceIngestService} call. Names in paths are Snowflake identifiers (upper-cased unless quoted).
 */
final class HighPerformanceEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(HighPerformanceEndpoints.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NAME = "([^/:]+)";
    private static final String PIPE = "/databases/" + NAME + "/schemas/" + NAME + "/pipes/" + NAME;
    private static final Pattern PIPE_INFO = Pattern.compile("/v2/streaming" + PIPE + ":pipe-info");
    private static final Pattern BULK_STATUS = Pattern.compile("/v2/streaming" + PIPE + ":bulk-channel-status");
    private static final Pattern CHANNEL = Pattern.compile("/v2/streaming" + PIPE + "/channels/" + NAME);
    private static final Pattern ROWS = Pattern.compile("/v2/streaming/data" + PIPE + "/channels/" + NAME + "/rows");

    private HighPerformanceEndpoints() {
    }

    static void bind(HttpServer server, HighPerformanceIngestService service) {
        server.createContext("/v2/streaming/", exchange -> serve(exchange, () -> route(exchange, service)));
        server.createContext("/oauth/token", exchange -> serve(exchange, service::scopedToken));
    }

    @FunctionalInterface
    private interface Call {
        Reply call() throws Exception;
    }

    private static Reply route(HttpExchange exchange, HighPerformanceIngestService service) throws Exception {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        Matcher m;
        if (path.equals("/v2/streaming/hostname") && method.equals("GET")) {
            return service.hostname();
        }
        if ((m = PIPE_INFO.matcher(path)).matches() && method.equals("POST")) {
            return service.pipeInfo(name(m, 1), name(m, 2), name(m, 3));
        }
        if ((m = BULK_STATUS.matcher(path)).matches() && method.equals("POST")) {
            return service.channelStatuses(name(m, 1), name(m, 2), name(m, 3), json(exchange));
        }
        if ((m = CHANNEL.matcher(path)).matches() && method.equals("PUT")) {
            return service.openChannel(name(m, 1), name(m, 2), name(m, 3), name(m, 4), json(exchange));
        }
        if ((m = CHANNEL.matcher(path)).matches() && method.equals("DELETE")) {
            return service.dropChannel(name(m, 1), name(m, 2), name(m, 3), name(m, 4));
        }
        if ((m = ROWS.matcher(path)).matches() && method.equals("POST")) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            return service.appendRows(name(m, 1), name(m, 2), name(m, 3), name(m, 4), query.get("offsetToken"),
                    query.get("continuationToken"), exchange.getRequestHeaders().getFirst("Content-Encoding"),
                    body(exchange));
        }
        return new HighPerformanceIngestService.Refused(404, "NOT_FOUND", "No " + method + " " + path
                + " in the embedded warehouse").reply();
    }

    private static void serve(HttpExchange exchange, Call call) throws IOException {
        Reply reply;
        try {
            reply = call.call();
        } catch (HighPerformanceIngestService.Refused refused) {
            reply = refused.reply();
        } catch (IllegalArgumentException e) {
            reply = new HighPerformanceIngestService.Refused(400, "ERR_INVALID_REQUEST", e.getMessage()).reply();
        } catch (Exception e) {
            LOG.error("Snowpipe Streaming (high-performance) emulator failed on {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), e);
            // a 5xx: the SDK retries it, as a transient failure of Snowflake's
            reply = new HighPerformanceIngestService.Refused(500, "ERR_INTERNAL", "Embedded warehouse error: "
                    + e.getMessage()).reply();
        }
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private static String name(Matcher m, int group) {
        return Identifiers.resolve(URLDecoder.decode(m.group(group), StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static JsonNode json(HttpExchange exchange) throws IOException {
        byte[] body = body(exchange);
        return body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
    }
}
