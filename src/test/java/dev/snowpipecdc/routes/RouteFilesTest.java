package dev.snowpipecdc.routes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Which route files a topology loads from a routes folder that may serve every topology (one ConfigMap). */
class RouteFilesTest {

    @TempDir
    Path dir;

    @Test
    void should_take_the_topologys_files_from_the_folder_add_extra_ones_and_leave_other_topologies_files()
            throws Exception {
        Files.writeString(dir.resolve("tables.camel.yaml"), "[]");
        Files.writeString(dir.resolve("extra.camel.yaml"), "[]");
        Files.writeString(dir.resolve("notes.txt"), "not a route file");

        assertThat(List.of(RouteFiles.includePattern(Topology.DIRECT, Optional.of(dir)).split(","))).containsExactly(
                "classpath:routes/source-debezium.camel.yaml", "classpath:routes/enrichment.camel.yaml",
                "file:" + dir.resolve("tables.camel.yaml").toAbsolutePath(),
                "file:" + dir.resolve("extra.camel.yaml").toAbsolutePath());
        // publish has no table routes: the folder's tables.camel.yaml is the other topologies'
        assertThat(List.of(RouteFiles.includePattern(Topology.PUBLISH, Optional.of(dir)).split(","))).containsExactly(
                "classpath:routes/source-debezium.camel.yaml", "classpath:routes/publish-kafka.camel.yaml",
                "file:" + dir.resolve("extra.camel.yaml").toAbsolutePath());
    }
}
