package dev.snowpipecdc.deploy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image Jib builds (pom.xml, jib-maven-plugin), as the build's {@code image-check} execution writes it: the
 * same container settings on an empty base, since no registry is reachable here to pull the JRE base from. Its
 * configuration is checked as Kubernetes will read it, and its application layers are unpacked and run by this
 * JVM with the image's own entrypoint, paths under /app mapped to where they were unpacked.
 */
class ImageIT {

    private static final Path IMAGE = Path.of("target", "image-check", "image.tar");
    private static final String DATA = "/var/lib/snowpipe-cdc";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path unpacked;

    private static JsonNode config;
    /** The mode of each path in the layers, as the image holds it ("var/lib/snowpipe-cdc/", "app/libs/x.jar"). */
    private static final Map<String, Integer> MODES = new HashMap<>();

    @BeforeAll
    static void unpack() throws IOException {
        assertThat(IMAGE).as("built by mvn verify (jib:buildTar, execution image-check)").isRegularFile();
        Path tarball = unpacked.resolve("tarball");
        untar(Files.newInputStream(IMAGE), tarball, false);
        // an OCI image layout: index -> manifest -> config and layers, each a blob named by its digest
        JsonNode index = JSON.readTree(tarball.resolve("index.json").toFile());
        JsonNode manifest = blob(tarball, index.get("manifests").get(0));
        config = blob(tarball, manifest.get("config"));
        Path root = unpacked.resolve("root");
        for (JsonNode layer : manifest.get("layers")) {
            assertThat(layer.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
            untar(new GZIPInputStream(Files.newInputStream(blobPath(tarball, layer))), root, true);
        }
    }

    @Test
    void should_declare_the_entrypoint_user_port_and_data_folder() {
        JsonNode container = config.get("config");

        assertThat(config.get("os").asText()).isEqualTo("linux");
        assertThat(config.get("architecture").asText()).isEqualTo("amd64");
        assertThat(texts(container.get("Entrypoint"))).startsWith("java").contains("dev.snowpipecdc.Application");
        assertThat(texts(container.get("Cmd"))).containsExactly("run");
        // numeric: Kubernetes' runAsNonRoot can only check a number
        assertThat(container.get("User").asText()).isEqualTo("10001:10001");
        assertThat(container.get("ExposedPorts").has("9876/tcp")).isTrue();
        assertThat(container.get("Volumes").has(DATA)).isTrue();
        assertThat(container.get("WorkingDir").asText()).isEqualTo(DATA);
        assertThat(texts(container.get("Env"))).contains("CDC_DATA_DIR=" + DATA);
        // the image's user may write the data folder without a volume (Jib writes every file as root)
        assertThat(MODES.get("var/lib/snowpipe-cdc/")).isEqualTo(0777);
    }

    @Test
    void should_start_from_its_layers_and_explain_its_usage() throws Exception {
        Result help = run("--help");

        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: java -jar snowpipe-cdc.jar <verb>").contains("run  [--data-dir DIR]");
    }

    @Test
    void should_run_the_embedded_warehouse_from_its_layers() throws Exception {
        // DuckDB's native library and the SQL resources, read from the image's layers
        Result sql = run("sql", "--data-dir", unpacked.resolve("data").toString(), "SELECT 6 * 7 AS ANSWER");

        assertThat(sql.exitCode()).as(sql.output()).isZero();
        assertThat(sql.output()).contains("ANSWER").contains("42").contains("(1 row)");
    }

    /** The image's entrypoint with {@code args} for its arguments, run by this JVM on the unpacked layers. */
    private static Result run(String... args) throws IOException, InterruptedException {
        Path root = unpacked.resolve("root");
        List<String> command = new ArrayList<>();
        for (String part : texts(config.get("config").get("Entrypoint"))) {
            if (part.equals("java")) {
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            } else if (part.startsWith("@/")) {
                // a file listing the class path, one line of /app/... entries
                String classPath = Files.readString(root.resolve(part.substring(2))).strip();
                command.add(mapped(root, classPath));
            } else {
                command.add(part.contains("/app/") ? mapped(root, part) : part);
            }
        }
        command.addAll(List.of(args));
        Path log = Files.createTempFile(unpacked, "run", ".log");
        Process process = new ProcessBuilder(command).directory(unpacked.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 3 minutes:\n"
                    + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    /** A class path of image paths (/app/classes:/app/libs/*) as paths under {@code root}. */
    private static String mapped(Path root, String classPath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(":")) {
            entries.add(entry.startsWith("/") ? root + entry : entry);
        }
        return String.join(":", entries);
    }

    private static void untar(InputStream in, Path into, boolean keepModes) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(into)).as("%s stays in %s", entry.getName(), into).isTrue();
                if (keepModes) {
                    MODES.put(entry.getName(), entry.getMode() & 07777);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static JsonNode blob(Path tarball, JsonNode descriptor) throws IOException {
        return JSON.readTree(blobPath(tarball, descriptor).toFile());
    }

    private static Path blobPath(Path tarball, JsonNode descriptor) {
        return tarball.resolve("blobs").resolve(descriptor.get("digest").asText().replace(':', '/'));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private record Result(int exitCode, String output) {
        @Override
        public String toString() {
            return exitCode + ": " + output.lines().limit(40).collect(Collectors.joining("\n"));
        }
    }
}
