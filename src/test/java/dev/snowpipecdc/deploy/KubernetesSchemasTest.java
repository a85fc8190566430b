package dev.snowpipecdc.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.snowpipecdc.deploy.KubernetesManifestsTest.Manifest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every document in k8s/ against the published schema of its kind: Kubernetes 1.33's core kinds, Camel K 2.9's
 * Integration, Strimzi 0.49's KafkaConnect and KafkaConnector, the Prometheus operator's PodMonitor, vendored in
 * src/test/resources/kubernetes-schemas with their sources, versions and conversion (SOURCES.md). The schemas are
 * strict, as the API server is with kubectl's strict field validation: an unknown or misspelt field fails.
 */
class KubernetesSchemasTest {

    /** The schema file of each apiVersion/kind; a kind without one fails the test (add its schema). */
    private static final Map<String, String> SCHEMAS = Map.ofEntries(
            Map.entry("v1/ConfigMap", "configmap-v1.json"),
            Map.entry("v1/Secret", "secret-v1.json"),
            Map.entry("v1/Service", "service-v1.json"),
            Map.entry("apps/v1/Deployment", "deployment-apps-v1.json"),
            Map.entry("apps/v1/StatefulSet", "statefulset-apps-v1.json"),
            Map.entry("rbac.authorization.k8s.io/v1/Role", "role-rbac-v1.json"),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", "rolebinding-rbac-v1.json"),
            Map.entry("camel.apache.org/v1/Integration", "integration-camel-v1.json"),
            Map.entry("kafka.strimzi.io/v1/KafkaConnect", "kafkaconnect-strimzi-v1.json"),
            Map.entry("kafka.strimzi.io/v1/KafkaConnector", "kafkaconnector-strimzi-v1.json"),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", "podmonitor-monitoring-v1.json"));
    /** Kustomize's own file is read by kubectl, not sent to the API server: it has no published schema. */
    private static final String KUSTOMIZATION = "kustomize.config.k8s.io/v1beta1/Kustomization";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    @Test
    void every_manifest_is_valid_against_the_published_schema_of_its_kind() throws IOException {
        List<String> failures = new ArrayList<>();
        int validated = 0;
        for (Manifest manifest : KubernetesManifestsTest.manifests()) {
            String kind = manifest.document().path("apiVersion").asText() + "/" + manifest.kind();
            if (kind.equals(KUSTOMIZATION)) {
                continue;
            }
            assertThat(SCHEMAS).as("a schema for " + kind + " (" + manifest.file() + ")").containsKey(kind);
            for (Error error : schema(kind).validate(manifest.document())) {
                failures.add(manifest.file() + " " + manifest.kind() + "/" + manifest.name() + ": " + error);
            }
            validated++;
        }
        assertThat(failures).isEmpty();
        assertThat(validated).isGreaterThanOrEqualTo(17);
    }

    @Test
    void each_schema_rejects_a_field_its_kind_does_not_have() throws IOException {
        for (Manifest manifest : KubernetesManifestsTest.manifests()) {
            String kind = manifest.document().path("apiVersion").asText() + "/" + manifest.kind();
            if (kind.equals(KUSTOMIZATION)) {
                continue;
            }
            JsonNode misspelt = manifest.document().deepCopy();
            JsonNode into = misspelt.path("spec").isObject() ? misspelt.path("spec") : misspelt.path("metadata");
            ((ObjectNode) into).put("replicaz", 1);

            assertThat(schema(kind).validate(misspelt)).as(manifest.file() + " " + manifest.name()).isNotEmpty();
        }
    }

    private Schema schema(String kind) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/kubernetes-schemas/" + SCHEMAS.get(kind))) {
            return registry.getSchema(new ObjectMapper().readTree(in));
        }
    }
}
