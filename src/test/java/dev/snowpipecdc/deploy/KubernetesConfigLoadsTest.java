package dev.snowpipecdc.deploy;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.routes.Endpoints;
import org.apache.camel.main.Main;
import org.apache.camel.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ConfigMaps of k8s/config as a pod sees them: the routes ConfigMap's files in the folder cdc.routes.dir names
 * and the properties ConfigMap's application.properties at the location CAMEL_MAIN_OVERRIDE_PROPERTIES_LOCATION
 * names (here as the same system property). The pipeline starts on them and takes their settings and routes. The
 * settings that point at the cluster (database host, Snowflake account, folders) are pointed at this machine by the
 * demo's own overrides, as {@code run --data-dir} adds one: Camel Main alone ignores the file when the application
 * sets any override (OverridePropertiesFile).
 */
class KubernetesConfigLoadsTest {

    @TempDir
    Path dir;

    @Test
    void should_start_the_pipeline_on_the_config_maps_settings_and_routes() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        JsonNode routeFiles = KubernetesManifestsTest.only("ConfigMap", "snowpipe-cdc-routes").document()
                .path("data");
        for (Iterator<Map.Entry<String, JsonNode>> files = routeFiles.fields(); files.hasNext(); ) {
            Map.Entry<String, JsonNode> file = files.next();
            Files.writeString(routes.resolve(file.getKey()), file.getValue().asText());
        }
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"))) {
            Properties settings = KubernetesManifestsTest.k8sProperties();
            // what points at the cluster (the database, the Snowflake account and key, the pod's folders) is left
            // to the demo's settings for this machine; the rest of the file stays as it is
            for (String cluster : List.of("cdc.source.host", "cdc.source.port", "cdc.source.database",
                    "cdc.source.user", "cdc.source.slot", "cdc.source.publication", "snowflake.url",
                    "snowflake.private-key-file", "cdc.data-dir")) {
                assertThat(settings.remove(cluster)).as(cluster).isNotNull();
            }
            settings.setProperty("cdc.routes.dir", routes.toString());
            Path file = dir.resolve("application.properties");
            try (Writer out = Files.newBufferedWriter(file)) {
                settings.store(out, "k8s/config/properties.yaml, pointed at this machine");
            }
            System.setProperty("camel.main.override-properties-location", "file:" + file);
            Main pipeline = DemoCommand.pipeline(source, dir.resolve("data"));
            try {
                pipeline.start();
                await().atMost(Duration.ofMinutes(2)).until(() -> pipeline.getCamelContext()
                        .getRoute(Endpoints.SOURCE_ROUTE_ID) != null && pipeline.getCamelContext()
                        .getRouteController().getRouteStatus(Endpoints.SOURCE_ROUTE_ID).isStarted());
                // the file's settings are the pipeline's: each one it holds
                for (String key : settings.stringPropertyNames()) {
                    assertThat(pipeline.getCamelContext().resolvePropertyPlaceholders("{{" + key + "}}")).as(key)
                            .isEqualTo(settings.getProperty(key));
                }
                // the ConfigMap's table routes run, with the batch size it sets for orders
                for (String route : List.of("table-customers", "table-orders")) {
                    assertThat(pipeline.getCamelContext().getRouteController().getRouteStatus(route).isStarted())
                            .as(route).isTrue();
                }
                assertThat(pipeline.getCamelContext().getCamelContextExtension().getContextPlugin(Model.class)
                        .getRouteDefinition("table-orders").getTemplateParameters()).containsEntry("batchSize",
                                "1000");
            } finally {
                pipeline.stop();
            }
        } finally {
            System.clearProperty("camel.main.override-properties-location");
        }
    }
}
