package dev.snowpipecdc.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import dev.snowpipecdc.PipelineConfiguration;
import dev.snowpipecdc.health.StartupFailure;
import dev.snowpipecdc.support.ItemsTable;
import dev.snowpipecdc.support.Warehouse;
import dev.snowpipecdc.warehouse.WarehouseSchema;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema route: the warehouse objects are applied before the source starts; a source catalog or warehouse
 * that cannot be reached yet is tried again, a refused configuration is not.
 */
class SchemaRoutesTest extends CamelTestSupport {

    @TempDir
    Path dir;

    private Warehouse warehouse;
    private final AtomicInteger renders = new AtomicInteger();
    /**
     * The renderer refuses the configuration in the test named so; otherwise it fails twice as if the source
     * database could not be reached yet, then renders.
     */
    private boolean refuse;
    private final AtomicInteger stops = new AtomicInteger();
    private final StartupFailure failure = new StartupFailure(stops::incrementAndGet);

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        Properties props = new Properties();
        props.put("cdc.sink.max-retries", "5");
        props.put("cdc.sink.retry-delay-ms", "10");
        configuration.withUseOverridePropertiesWithPropertiesComponent(props);
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        warehouse = new Warehouse(dir, 1.0);
        refuse = getCurrentTestName().contains("refused");
        registry.bind(StartupFailure.ID, failure);
        registry.bind(TableRoutes.BEAN, new TableRoutes());
        registry.bind(PipelineConfiguration.WAREHOUSE_SCHEMA, new WarehouseSchema(warehouse.embedded().dataSource(),
                () -> {
                    int call = renders.incrementAndGet();
                    if (refuse) {
                        throw new IllegalArgumentException("Table public.items has no primary key");
                    }
                    if (call <= 2) {
                        throw new SQLException("Connection to localhost:5432 refused");
                    }
                    return ItemsTable.objects(ItemsTable.ITEMS);
                }));
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[]{new SchemaRoutes(), new RouteBuilder() {
            @Override
            public void configure() {
                // stand-in for the Debezium source route
                from("direct:source").routeId(Endpoints.SOURCE_ROUTE_ID).autoStartup(false).to("log:source");
            }
        }};
    }

    @AfterEach
    void closeWarehouse() throws SQLException {
        warehouse.close();
    }

    @Test
    void should_retry_an_unreachable_catalog_then_apply_the_schema_and_start_the_source() throws SQLException {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                context.getRouteController().getRouteStatus(Endpoints.SOURCE_ROUTE_ID) == ServiceStatus.Started);

        assertThat(renders.get()).isEqualTo(3);
        assertThat(warehouse.query("SELECT SCRIPT FROM SCHEMA_HISTORY ORDER BY APPLIED_AT"))
                .containsExactly("V001__landing.sql", "R__table_ITEMS");
    }

    @Test
    void should_keep_the_source_stopped_and_stop_the_pipeline_when_the_configuration_is_refused() throws Exception {
        // tried once, and not again (retries come 10 ms apart here)
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(() -> renders.get() == 1);
        assertThat(context.getRouteController().getRouteStatus(Endpoints.SOURCE_ROUTE_ID))
                .isNotEqualTo(ServiceStatus.Started);
        assertThat(failure.failure()).hasValue("Warehouse schema refused: Table public.items has no primary key");
        assertThat(stops).hasValue(1);
        assertThat(failure.call().getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(failure.call().getMessage()).hasValue("The pipeline cannot run: Warehouse schema refused: Table"
                + " public.items has no primary key");
    }
}
