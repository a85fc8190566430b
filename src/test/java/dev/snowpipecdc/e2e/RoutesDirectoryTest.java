package dev.snowpipecdc.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.demo.SourceDatabase;
import dev.snowpipecdc.support.Sql;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routes edited without rebuilding: a folder on disk (cdc.routes.dir) whose tables.camel.yaml replaces the
 * packaged one and whose other files are added; the packaged source and enrichment routes still load. Its
 * templatedRoute for customers sets the batch size, and it takes effect. The sink's options come from
 * camel.component.snowpipe-streaming.* settings.
 */
class RoutesDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void should_load_routes_from_a_folder_and_apply_a_tables_batch_size_from_it() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        // batches of 2 customers, and a batch that is not full waits a minute
        Files.writeString(routes.resolve("tables.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: cdc-table
                    routeId: table-customers
                    parameters:
                      - name: table
                        value: customers
                      - name: batchSize
                        value: "2"
                      - name: batchIntervalMs
                        value: "60000"
                """);
        Files.writeString(routes.resolve("extra.camel.yaml"), """
                - route:
                    id: extra
                    from:
                      uri: timer:extra?repeatCount=1
                      steps:
                        - log: an extra route from the folder
                """);
        try (SourceDatabase source = SourceDatabase.start(dir.resolve("postgres"))) {
            Main pipeline = DemoCommand.pipeline(source, dir.resolve("warehouse"));
            pipeline.addOverrideProperty("cdc.routes.dir", routes.toString());
            pipeline.addOverrideProperty("cdc.sink.max-retries", "7");
            pipeline.addOverrideProperty("camel.component.snowpipe-streaming.parameter-overrides[max_chunk_size_in_bytes]",
                    "4000000");
            pipeline.start();
            try {
                DemoCommand.awaitStreaming(source);
                // the sink's options are camel.component.snowpipe-streaming.* (application.properties)
                SnowpipeStreamingComponent sink = pipeline.getCamelContext().getComponent(
                        SnowpipeStreamingComponent.SCHEME, SnowpipeStreamingComponent.class);
                assertThat(sink.getMaxRetries()).isEqualTo(7);
                assertThat(sink.getDatabase()).isEqualTo("SNOWPIPE_CDC");
                assertThat(sink.getParameterOverrides()).containsEntry("max_client_lag", "1000")
                        .containsEntry("max_chunk_size_in_bytes", "4000000");
                assertThat(pipeline.getCamelContext().getRoute("extra")).as("the folder's own route").isNotNull();
                assertThat(pipeline.getCamelContext().getRoute("table-orders")).as("made from cdc.source.tables")
                        .isNotNull();
                source.execute("INSERT INTO customers (customer_id, email, name) SELECT i, 'c' || i || '@x.com',"
                        + " 'C' || i FROM generate_series(1, 5) i");
                DataSource warehouse = pipeline.lookup(PipelineConfiguration.WAREHOUSE, DataSource.class);

                await().atMost(Duration.ofSeconds(30)).until(() -> landed(warehouse) == 4);
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> landed(warehouse) == 4);
            } finally {
                pipeline.stop();
            }
        }
    }

    private static long landed(DataSource warehouse) throws Exception {
        return Sql.number(warehouse::getConnection, "SELECT COUNT(*) FROM RAW_CHANGES WHERE TABLE_NAME = 'customers'");
    }
}
