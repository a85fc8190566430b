package dev.snowpipecdc.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests of k8s/ (no cluster here): every file parses, and what they name exists: each property key of the
 * properties ConfigMap is one the app has, each environment variable one it reads, each ConfigMap, Secret and key
 * one of config/, and the paths they mount are the ones the settings point at. The versions Strimzi installs are
 * the ones this project is tested with.
 */
class KubernetesManifestsTest {

    static final Path K8S = Path.of("k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String OVERRIDE_LOCATION = "CAMEL_MAIN_OVERRIDE_PROPERTIES_LOCATION";

    /** Every document of every YAML file under k8s/, with the file it came from. */
    record Manifest(Path file, JsonNode document) {
        String kind() {
            return document.path("kind").asText();
        }

        String name() {
            return document.path("metadata").path("name").asText();
        }
    }

    static List<Manifest> manifests() throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).readAll()
                        .forEach(document -> manifests.add(new Manifest(file, document)));
            }
        }
        return manifests;
    }

    static Manifest only(String kind, String name) throws IOException {
        return manifests().stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + " " + name + " in k8s/"));
    }

    /** The properties ConfigMap's application.properties. */
    static Properties k8sProperties() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(only("ConfigMap", "snowpipe-cdc-properties").document().path("data")
                .path("application.properties").asText()));
        return properties;
    }

    @Test
    void every_file_parses_into_documents_with_an_api_version_and_a_kind() throws IOException {
        List<Manifest> manifests = manifests();
        assertThat(manifests).extracting(m -> m.kind() + "/" + m.name()).contains("StatefulSet/snowpipe-cdc-direct",
                "StatefulSet/snowpipe-cdc-publish", "Deployment/snowpipe-cdc-consume",
                "Integration/snowpipe-cdc-direct", "Integration/snowpipe-cdc-publish",
                "Integration/snowpipe-cdc-consume", "KafkaConnect/debezium", "KafkaConnector/postgres",
                "ConfigMap/snowpipe-cdc-properties", "ConfigMap/snowpipe-cdc-routes", "Secret/snowpipe-cdc-secrets",
                "PodMonitor/snowpipe-cdc");
        manifests.forEach(m -> {
            assertThat(m.document().path("apiVersion").asText()).as(m.file() + " apiVersion").isNotBlank();
            assertThat(m.kind()).as(m.file() + " kind").isNotBlank();
        });
        assertThat(new ObjectMapper().readTree(K8S.resolve("monitoring/grafana-dashboard.json").toFile())
                .path("panels").size()).isPositive();
    }

    @Test
    void every_property_key_of_the_properties_config_map_is_a_setting_of_the_app() throws IOException {
        Set<String> known = packagedProperties().stringPropertyNames();
        assertThat(k8sProperties().stringPropertyNames()).isNotEmpty().allSatisfy(key ->
                assertThat(known).as("application.properties has " + key).contains(key));
        // what the environment sets per workload stays out of the file (its keys would win over the environment)
        assertThat(k8sProperties().stringPropertyNames()).doesNotContain("cdc.topology", "cdc.source.password",
                "snowflake.private-key", "snowflake.private-key-password");
    }

    @Test
    void every_environment_variable_is_one_the_app_reads() throws IOException {
        Set<String> read = new HashSet<>(environmentVariables(Files.readString(
                Path.of("src/main/resources/application.properties"))));
        read.add(OVERRIDE_LOCATION);
        for (Manifest workload : workloads()) {
            assertThat(env(workload).keySet()).as(workload.file().toString()).isNotEmpty()
                    .allSatisfy(name -> assertThat(read).as(workload.file() + ": " + name).contains(name));
            assertThat(env(workload)).as(workload.file().toString()).containsKey("CDC_TOPOLOGY")
                    .containsEntry(OVERRIDE_LOCATION, "file:/etc/snowpipe-cdc/conf/application.properties");
        }
    }

    @Test
    void the_mounts_are_where_the_settings_point_and_every_config_map_secret_and_key_exists() throws IOException {
        Properties settings = k8sProperties();
        Set<String> secretKeys = new HashSet<>();
        only("Secret", "snowpipe-cdc-secrets").document().path("stringData").fieldNames()
                .forEachRemaining(secretKeys::add);
        Path key = Path.of(settings.getProperty("snowflake.private-key-file"));
        assertThat(secretKeys).contains(key.getFileName().toString(), "postgres-password");
        for (Manifest workload : workloads()) {
            Map<String, String> mounts = mounts(workload);
            assertThat(mounts).as(workload.file().toString())
                    .containsEntry("/etc/snowpipe-cdc/conf", "configmap:snowpipe-cdc-properties")
                    .containsEntry(settings.getProperty("cdc.routes.dir"), "configmap:snowpipe-cdc-routes")
                    .containsKey(settings.getProperty("cdc.data-dir"));
            if (!env(workload).get("CDC_TOPOLOGY").equals("publish")) {
                assertThat(mounts).as(workload.file() + " (the Snowflake key)")
                        .containsEntry(key.getParent().toString(), "secret:snowpipe-cdc-secrets");
            }
            assertThat(env(workload).values()).as(workload.file().toString())
                    .filteredOn(value -> value.startsWith("secret:"))
                    .allSatisfy(value -> assertThat(secretKeys).contains(value.substring(value.indexOf('/') + 1)));
            // Debezium (direct, publish), the source catalog read at start and the customers enricher need it
            assertThat(env(workload)).as(workload.file() + ": the source's password")
                    .containsEntry("CDC_SOURCE_PASSWORD", "secret:snowpipe-cdc-secrets/postgres-password");
        }
    }

    @Test
    void every_pod_runs_as_the_images_user_and_can_read_its_secret_and_write_its_volume() throws IOException {
        for (Manifest workload : workloads()) {
            JsonNode pod = workload.document().path("spec").path("template").path("spec");
            // Kubernetes writes Secret files and new volumes as root: the pod's group makes them the user's
            assertThat(pod.path("securityContext").path("fsGroup").asInt()).as(workload.file() + " fsGroup")
                    .isEqualTo(10001);
            JsonNode user = workload.kind().equals("Integration")
                    ? workload.document().path("spec").path("traits").path("container").path("runAsUser")
                    : pod.path("securityContext").path("runAsUser");
            assertThat(user.asInt()).as(workload.file() + " runAsUser (the image's user)").isEqualTo(10001);
        }
    }

    @Test
    void direct_and_publish_run_one_pod_with_a_volume_and_consume_scales() throws IOException {
        for (String topology : List.of("direct", "publish")) {
            JsonNode set = only("StatefulSet", "snowpipe-cdc-" + topology).document().path("spec");
            assertThat(set.path("replicas").asInt()).isEqualTo(1);
            assertThat(set.path("volumeClaimTemplates").get(0).path("metadata").path("name").asText())
                    .isEqualTo("data");
            JsonNode integration = only("Integration", "snowpipe-cdc-" + topology).document().path("spec");
            assertThat(integration.path("replicas").asInt()).isEqualTo(1);
            assertThat(integration.path("traits").path("deployment").path("strategy").asText()).isEqualTo("Recreate");
            assertThat(integration.path("traits").path("mount").path("volumes").get(0).asText())
                    .startsWith("snowpipe-cdc-" + topology + "-data:/var/lib/snowpipe-cdc");
        }
        assertThat(only("Deployment", "snowpipe-cdc-consume").document().path("spec").path("replicas").asInt())
                .isGreaterThan(1);
        assertThat(only("Integration", "snowpipe-cdc-consume").document().path("spec").path("replicas").asInt())
                .isGreaterThan(1);
        for (Manifest workload : workloads()) {
            String text = workload.document().toString();
            assertThat(text).as(workload.file().toString()).contains("/observe/health/live", "/observe/health/ready",
                    "9876");
        }
    }

    @Test
    void strimzi_installs_the_debezium_and_kafka_this_project_is_tested_with_and_feeds_consume() throws Exception {
        JsonNode connect = only("KafkaConnect", "debezium").document().path("spec");
        JsonNode artifact = connect.path("build").path("plugins").get(0).path("artifacts").get(0);
        assertThat(artifact.path("artifact").asText()).isEqualTo("debezium-connector-postgres");
        assertThat(artifact.path("version").asText()).isEqualTo(io.debezium.connector.postgresql.Module.version());
        assertThat(connect.path("version").asText()).isEqualTo(org.apache.kafka.common.utils.AppInfoParser
                .getVersion());
        JsonNode connector = only("KafkaConnector", "postgres").document();
        assertThat(connector.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("debezium");
        JsonNode config = connector.path("spec").path("config");
        Properties settings = k8sProperties();
        // consume reads the topics <topic.prefix>.<schema>.<table> of the tables it captures
        assertThat(config.path("topic.prefix").asText()).isEqualTo(settings.getProperty("cdc.source.name"));
        assertThat(config.path("table.include.list").asText()).isEqualTo(settings.getProperty("cdc.source.tables"));
        assertThat(config.path("value.converter.schemas.enable").asBoolean()).isTrue();
        assertThat(config.path("slot.name").asText()).as("a slot of its own")
                .isNotEqualTo(settings.getProperty("cdc.source.slot"));
    }

    /** The Deployments, StatefulSets and Integrations. */
    static List<Manifest> workloads() throws IOException {
        return manifests().stream().filter(m -> Set.of("Deployment", "StatefulSet", "Integration")
                .contains(m.kind())).toList();
    }

    /** A workload's environment: name → value, or "secret:name/key" for a Secret's key. */
    static Map<String, String> env(Manifest workload) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        if (workload.kind().equals("Integration")) {
            workload.document().path("spec").path("traits").path("environment").path("vars").forEach(v -> {
                String text = v.asText();
                env.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
            });
            return env;
        }
        container(workload).path("env").forEach(v -> {
            JsonNode secret = v.path("valueFrom").path("secretKeyRef");
            env.put(v.path("name").asText(), secret.isMissingNode() ? v.path("value").asText()
                    : "secret:" + secret.path("name").asText() + "/" + secret.path("key").asText());
        });
        return env;
    }

    /** A workload's mounts: path → "configmap:name", "secret:name", "pvc:name" or "emptyDir:name". */
    static Map<String, String> mounts(Manifest workload) {
        Map<String, String> mounts = new java.util.LinkedHashMap<>();
        if (workload.kind().equals("Integration")) {
            JsonNode mount = workload.document().path("spec").path("traits").path("mount");
            mount.path("resources").forEach(r -> {
                String text = r.asText();
                mounts.put(text.substring(text.indexOf('@') + 1), text.substring(0, text.indexOf('@')));
            });
            mount.path("volumes").forEach(v -> mounts.put(v.asText().split(":")[1], "pvc:" + v.asText().split(":")[0]));
            mount.path("emptyDirs").forEach(v -> mounts.put(v.asText().split(":")[1],
                    "emptyDir:" + v.asText().split(":")[0]));
            return mounts;
        }
        Map<String, String> volumes = new java.util.HashMap<>();
        JsonNode pod = workload.document().path("spec").path("template").path("spec");
        pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v.has("configMap")
                ? "configmap:" + v.path("configMap").path("name").asText() : v.has("secret")
                ? "secret:" + v.path("secret").path("secretName").asText() : "emptyDir:" + v.path("name").asText()));
        workload.document().path("spec").path("volumeClaimTemplates").forEach(t ->
                volumes.put(t.path("metadata").path("name").asText(), "pvc:" + t.path("metadata").path("name")
                        .asText()));
        container(workload).path("volumeMounts").forEach(m -> mounts.put(m.path("mountPath").asText(),
                volumes.get(m.path("name").asText())));
        return mounts;
    }

    private static JsonNode container(Manifest workload) {
        return workload.document().path("spec").path("template").path("spec").path("containers").get(0);
    }

    static Properties packagedProperties() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    private static List<String> environmentVariables(String properties) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\\{env:([A-Z0-9_]+)").matcher(properties);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
