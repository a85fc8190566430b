package dev.snowpipecdc.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.snowpipecdc.monitoring.ManagementServer;
import org.apache.camel.CamelContext;

/** The management server of a running pipeline over HTTP: /observe/health* and the Prometheus text. */
public final class Observe {

    /** One sample of the Prometheus text: {@code name{labels} value}. */
    public record Sample(String name, String labels, double value) {
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    public Observe(CamelContext context) {
        this.port = ManagementServer.port(context).orElseThrow(() ->
                new IllegalStateException("The pipeline runs no management server"));
    }

    /** The management server of a pipeline in another process. */
    public Observe(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The samples of /observe/metrics. */
    public List<Sample> metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/observe/metrics");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/observe/metrics answered " + response.statusCode());
        }
        List<Sample> samples = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.find()) {
                samples.add(new Sample(m.group(1), m.group(2) == null ? "" : m.group(2), Double.parseDouble(m.group(3))));
            }
        }
        return samples;
    }

    /** The sum of the samples of that name whose labels contain each of {@code labels} ({@code key="value"}). */
    public static double sum(List<Sample> samples, String name, String... labels) {
        return find(samples, name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** The samples of that name whose labels contain each of {@code labels}. */
    public static List<Sample> find(List<Sample> samples, String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> List.of(labels).stream().allMatch(s.labels()::contains)).toList();
    }

    public static boolean has(List<Sample> samples, String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }
}
