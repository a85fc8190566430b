package dev.snowpipecdc.routes;

import java.util.Map;

import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.source.debezium.DebeziumChangeParser;
import dev.snowpipecdc.deadletter.DeadLetters;
import dev.snowpipecdc.monitoring.ChangeCounter;
import dev.snowpipecdc.monitoring.Meters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Parse and route: each configured table gets its own changes; everything else is dead-lettered with a reason. */
class ChangeRoutesTest extends CamelTestSupport {

    private static final Schema ROW = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TableRoutes tableRoutes = new TableRoutes();

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("changeParser", new DebeziumChangeParser());
        registry.bind("changeCounter", new ChangeCounter(meters));
        registry.bind(TableRoutes.BEAN, tableRoutes);
    }

    @Override
    protected void doPostSetup() throws Exception {
        tableRoutes.addMissing(context);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[]{new ChangeRoutes(), new RouteBuilder() {
            @Override
            public void configure() {
                // stand-ins for routes made from the cdc-table template
                from(Endpoints.TABLE_PREFIX + "customers").routeProperty(Endpoints.TABLE_ROUTE_PROPERTY, "customers")
                        .to("mock:customers");
                from(Endpoints.TABLE_PREFIX + "orders").routeProperty(Endpoints.TABLE_ROUTE_PROPERTY, "orders")
                        .to("mock:orders");
                from(Endpoints.DEAD_LETTER).to("mock:dead-letter");
            }
        }};
    }

    @Test
    void should_route_each_change_to_its_tables_route() throws Exception {
        MockEndpoint customers = getMockEndpoint("mock:customers");
        MockEndpoint orders = getMockEndpoint("mock:orders");
        customers.expectedMessageCount(1);
        orders.expectedMessageCount(2);
        getMockEndpoint("mock:dead-letter").expectedMessageCount(0);

        send("customers", "c", 1);
        send("orders", "c", 10);
        send("orders", "u", 10);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(orders.getExchanges()).extracting(e -> e.getMessage().getBody(ChangeEvent.class).op().code())
                .containsExactly("c", "u");
        assertThat(meters.counter(Meters.EVENTS, Meters.TABLE, "orders", Meters.OP, "u").count()).isEqualTo(1);
    }

    @Test
    void should_dead_letter_a_change_of_a_table_without_route() throws Exception {
        MockEndpoint deadLetter = getMockEndpoint("mock:dead-letter");
        deadLetter.expectedMessageCount(1);
        deadLetter.expectedHeaderReceived(DeadLetters.REASON, DeadLetters.UNKNOWN_TABLE);

        send("invoices", "c", 5);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetters.DETAIL, String.class))
                .contains("No route for table invoices");
    }

    @Test
    void should_dead_letter_a_malformed_message_with_the_reason() throws Exception {
        MockEndpoint deadLetter = getMockEndpoint("mock:dead-letter");
        deadLetter.expectedMessageCount(1);
        deadLetter.expectedHeaderReceived(DeadLetters.REASON, DeadLetters.MALFORMED);

        template.sendBodyAndHeaders(Endpoints.CHANGES, new Struct(ROW).put("id", 1), Map.of(
                DebeziumConstants.HEADER_IDENTIFIER, "snowpipe_cdc.public.orders",
                DebeziumConstants.HEADER_OPERATION, "c"));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetters.DETAIL, String.class))
                .contains("No source metadata");
    }

    @Test
    void should_drop_and_count_heartbeats() throws Exception {
        getMockEndpoint("mock:customers").expectedMessageCount(0);
        getMockEndpoint("mock:dead-letter").expectedMessageCount(0);

        template.sendBodyAndHeader(Endpoints.CHANGES, null, DebeziumConstants.HEADER_IDENTIFIER,
                "__debezium-heartbeat.snowpipe_cdc");

        MockEndpoint.assertIsSatisfied(context);
        assertThat(meters.counter(Meters.SKIPPED, Meters.REASON, "heartbeat").count()).isEqualTo(1);
    }

    private void send(String table, String op, int id) {
        Struct row = new Struct(ROW).put("id", id);
        template.sendBodyAndHeaders(Endpoints.CHANGES, op.equals("d") ? null : row, Map.of(
                DebeziumConstants.HEADER_IDENTIFIER, "snowpipe_cdc.public." + table,
                DebeziumConstants.HEADER_OPERATION, op,
                DebeziumConstants.HEADER_KEY, row,
                DebeziumConstants.HEADER_SOURCE_METADATA, Map.of("schema", "public", "table", table, "lsn", 100L + id,
                        "ts_us", 1_000_000L, "snapshot", "false", "sequence", "[\"50\",\"" + (100 + id) + "\"]")));
    }
}
