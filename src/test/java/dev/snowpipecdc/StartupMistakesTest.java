package dev.snowpipecdc;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mistakes a user makes at start fail {@code run} at once, with status 1 and a message naming the fix, instead of
 * leaving a process that runs without capturing anything. None of them needs the source database.
 */
class StartupMistakesTest {

    @TempDir
    Path dir;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void should_fail_without_a_source_route() throws Exception {
        int code = run(Map.of("camel.main.routes-include-pattern",
                "classpath:routes/tables.camel.yaml,classpath:routes/enrichment.camel.yaml"));

        assertThat(code).isEqualTo(1);
        assertThat(message()).contains("snowpipe-cdc run failed: Start-up check failed: no source route: no route"
                + " loaded has the id cdc-source");
    }

    @Test
    void should_fail_on_a_table_route_for_a_table_not_captured() throws Exception {
        // invoices gets its route from the setting; the YAML's route for orders has no table to take changes from
        int code = run(Map.of("cdc.source.tables", "public.customers,public.invoices"));

        assertThat(code).isEqualTo(1);
        assertThat(message()).contains("snowpipe-cdc run failed: Start-up check failed: route table-orders is for"
                + " table orders, which cdc.source.tables (CDC_SOURCE_TABLES) does not capture: add <schema>.orders"
                + " to it, or remove the route").doesNotContain("invoices");
    }

    @Test
    void should_fail_when_the_management_port_is_taken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));

            assertThatThrownBy(() -> run(Map.of("camel.management.enabled", "true",
                    "camel.management.port", String.valueOf(taken.getLocalPort()))))
                    .rootCause().hasMessageStartingWith("The management server (health and metrics) cannot listen on"
                            + " 0.0.0.0:" + taken.getLocalPort() + " (")
                    .hasMessageContaining("set camel.management.port (CDC_MANAGEMENT_PORT) to a free port");
        }
    }

    @Test
    void should_fail_on_an_unknown_topology_naming_the_valid_ones() {
        assertThatThrownBy(() -> run(Map.of("cdc.topology", "kafka"))).rootCause()
                .hasMessage("cdc.topology (CDC_TOPOLOGY) = kafka is not a topology; valid: direct, consume, publish");
    }

    @Test
    void should_fail_on_a_routes_folder_that_does_not_exist() {
        assertThatThrownBy(() -> run(Map.of("cdc.routes.dir", dir.resolve("missing").toString()))).rootCause()
                .hasMessage("cdc.routes.dir (CDC_ROUTES_DIR) = " + dir.resolve("missing") + " is not a folder");
    }

    @Test
    void should_fail_on_a_refused_table_configuration() throws Exception {
        int code = run(Map.of("cdc.tables.customers.columns", "customer_id NUMBER(10,0)",
                "cdc.tables.customers.key", "customer_id", "cdc.tables.orders.columns", "order_id NUMBER(10,0)"));

        assertThat(code).isEqualTo(1);
        assertThat(message()).contains("snowpipe-cdc run failed: Warehouse schema refused: cdc.tables.orders.columns"
                + " is set, so cdc.tables.orders.key must be too");
    }

    /** The run verb with these settings; bounded: a run that does not end fails the test. */
    private int run(Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("cdc.data-dir", dir.toString(),
                "camel.management.enabled", "false", "cdc.source.port", "1", "cdc.source.password", "x", "snowflake.url", ""));
        all.putAll(settings);
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Application.runPipeline(all, errors);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(60, TimeUnit.SECONDS);
    }

    private String message() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
