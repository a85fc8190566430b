package dev.snowpipecdc.batch;

import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.change.ChangeHeaders;
import dev.snowpipecdc.change.RawChangeRow;
import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import dev.snowpipecdc.component.SnowpipeStreamingConstants;
import dev.snowpipecdc.deadletter.DeadLetters;
import dev.snowpipecdc.delivery.DeliveryGate;
import dev.snowpipecdc.delivery.WarehouseDelivery;
import dev.snowpipecdc.routes.Endpoints;
import dev.snowpipecdc.routes.TableRouteTemplate;
import dev.snowpipecdc.support.Changes;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A table route sends micro-batches of landing rows: by size or by age, in order, with the batch's tokens. */
class TableRouteBatchingTest extends CamelTestSupport {

    private static final String SINK = "mock:snowpipe-streaming:RAW_CHANGES";

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        Properties props = new Properties();
        props.put("cdc.batch.size", "3");
        props.put("cdc.batch.interval-ms", "300");
        props.put("cdc.landing.table", "RAW_CHANGES");
        props.put("cdc.sink.max-retries", "0");
        props.put("cdc.sink.retry-delay-ms", "10");
        configuration.withUseOverridePropertiesWithPropertiesComponent(props);
        configuration.withMockEndpointsAndSkip("snowpipe-streaming:*");
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        Processor none = exchange -> { };
        registry.bind("noEnrichment", Processor.class, none);
        Processor broken = exchange -> {
            throw new IllegalArgumentException("this enrichment cannot work for " + exchange.getMessage()
                    .getBody(ChangeEvent.class).key());
        };
        registry.bind("brokenEnrichment", Processor.class, broken);
        registry.bind(TableRouteTemplate.BATCH_SENDER, ExecutorService.class, new SynchronousExecutorService());
        SnowpipeStreamingComponent sink = new SnowpipeStreamingComponent();
        sink.setDatabase("TESTDB");
        registry.bind(SnowpipeStreamingComponent.SCHEME, sink);
        registry.bind(Endpoints.DELIVERY_GATE, new WarehouseDelivery(context, sink, Duration.ofSeconds(5)));
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[]{new TableRouteTemplate(), new RouteBuilder() {
            @Override
            public void configure() {
                templatedRoute("cdc-table").routeId("table-orders").parameter("table", "orders");
                templatedRoute("cdc-table").routeId("table-broken").parameter("table", "broken")
                        .parameter("enricher", "brokenEnrichment");
                from(Endpoints.DEAD_LETTER).to("mock:dead-letter");
            }
        }};
    }

    @Test
    void should_send_full_batches_by_size_and_the_rest_by_time_in_source_order() throws Exception {
        MockEndpoint sink = getMockEndpoint(SINK);
        sink.expectedMessageCount(3);

        for (int i = 1; i <= 7; i++) {
            template.sendBody("direct:table-orders", Changes.create("orders", "order_id", i, Map.of("order_id", i),
                    "T0" + i));
        }

        MockEndpoint.assertIsSatisfied(context);
        List<Exchange> batches = sink.getExchanges();
        assertThat(batches).extracting(this::tokensOfRows)
                .containsExactly(List.of("T01", "T02", "T03"), List.of("T04", "T05", "T06"), List.of("T07"));
        assertThat(batches).extracting(b -> b.getMessage().getHeader(SnowpipeStreamingConstants.START_OFFSET_TOKEN))
                .containsExactly("T01", "T04", "T07");
        assertThat(batches).extracting(b -> b.getMessage().getHeader(SnowpipeStreamingConstants.OFFSET_TOKEN))
                .containsExactly("T03", "T06", "T07");
        assertThat(batches).extracting(b -> b.getProperty(Exchange.AGGREGATED_COMPLETED_BY))
                .containsExactly("size", "size", "interval");
        assertThat(batches).extracting(b -> b.getMessage().getHeader(SnowpipeStreamingConstants.ROW_OFFSET_TOKENS))
                .containsExactly(List.of("T01", "T02", "T03"), List.of("T04", "T05", "T06"), List.of("T07"));
        assertThat(batches).extracting(b -> b.getMessage().getHeader(ChangeHeaders.CHANNEL))
                .containsOnly("orders");
    }

    @Test
    void should_batch_per_channel_with_each_rows_place_in_its_channel_when_the_source_names_them() throws Exception {
        MockEndpoint sink = getMockEndpoint(SINK);
        sink.expectedMessageCount(2);

        // two partitions of one table, interleaved: each its own channel, its own batch, its own positions
        for (int i = 1; i <= 6; i++) {
            String channel = i % 2 == 1 ? "orders-p0" : "orders-p1";
            template.sendBodyAndHeaders("direct:table-orders", Changes.create("orders", "order_id", i,
                    Map.of("order_id", i), "T0" + i), Map.of(ChangeHeaders.CHANNEL, channel,
                    ChangeHeaders.CHANNEL_TOKEN, String.format("%020d", 40 + i)));
        }

        MockEndpoint.assertIsSatisfied(context);
        List<Exchange> batches = sink.getExchanges();
        assertThat(batches).extracting(b -> b.getMessage().getHeader(ChangeHeaders.CHANNEL))
                .containsExactly("orders-p0", "orders-p1");
        assertThat(batches).extracting(this::tokensOfRows)
                .containsExactly(List.of("T01", "T03", "T05"), List.of("T02", "T04", "T06"));
        assertThat(batches).extracting(b -> b.getMessage().getHeader(SnowpipeStreamingConstants.ROW_OFFSET_TOKENS))
                .containsExactly(List.of("00000000000000000041", "00000000000000000043", "00000000000000000045"),
                        List.of("00000000000000000042", "00000000000000000044", "00000000000000000046"));
        assertThat(batches).extracting(b -> b.getMessage().getHeader(SnowpipeStreamingConstants.OFFSET_TOKEN))
                .containsExactly("00000000000000000045", "00000000000000000046");
    }

    @Test
    void should_make_the_delivery_gate_wait_for_a_batch_the_interval_is_still_sending() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean sent = new AtomicBoolean();
        getMockEndpoint(SINK).whenAnyExchangeReceived(exchange -> {
            sending.countDown();
            release.await();
            sent.set(true);
        });
        template.sendBody("direct:table-orders", Changes.create("orders", "order_id", 1, Map.of("order_id", 1),
                "T01"));
        assertThat(sending.await(10, TimeUnit.SECONDS)).as("the interval took the batch").isTrue();

        // the batch has left the aggregator but the sink has not got it yet: the source must not save its position
        AtomicBoolean sentWhenGateOpened = new AtomicBoolean();
        CompletableFuture<Void> gate = CompletableFuture.runAsync(() -> {
            context.getRegistry().lookupByNameAndType(Endpoints.DELIVERY_GATE, DeliveryGate.class).awaitDelivered();
            sentWhenGateOpened.set(sent.get());
        });
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !gate.isDone());
        release.countDown();
        gate.get(10, TimeUnit.SECONDS);

        assertThat(sentWhenGateOpened).as("the gate opened only after the batch was sent").isTrue();
    }

    @Test
    void should_send_a_partial_batch_at_the_next_interval() throws Exception {
        MockEndpoint sink = getMockEndpoint(SINK);
        sink.expectedMessageCount(1);

        template.sendBody("direct:table-orders", Changes.create("orders", "order_id", 1, Map.of("order_id", 1), "A"));
        template.sendBody("direct:table-orders", Changes.create("orders", "order_id", 2, Map.of("order_id", 2), "B"));

        MockEndpoint.assertIsSatisfied(context);
        Exchange batch = sink.getExchanges().get(0);
        assertThat(tokensOfRows(batch)).containsExactly("A", "B");
        assertThat(batch.getProperty(Exchange.AGGREGATED_COMPLETED_BY)).isEqualTo("interval");
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) batch.getMessage().getBody(List.class).get(0);
        assertThat(row).containsEntry(RawChangeRow.OPERATION, "c").containsEntry(RawChangeRow.TABLE_NAME, "orders")
                .containsEntry(RawChangeRow.AFTER, Map.of("order_id", 1))
                .containsEntry(RawChangeRow.COMMITTED_AT, "2026-11-25T10:00:00.000000Z");
    }

    @Test
    void should_dead_letter_a_change_that_fails_for_good_without_retrying() throws Exception {
        MockEndpoint deadLetter = getMockEndpoint("mock:dead-letter");
        deadLetter.expectedMessageCount(1);
        deadLetter.expectedHeaderReceived(DeadLetters.REASON, DeadLetters.FAILED);
        getMockEndpoint(SINK).expectedMessageCount(0);

        template.sendBody("direct:table-broken", Changes.create("broken", "id", 1, Map.of("id", 1), "A"));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetters.DETAIL, String.class))
                .isEqualTo("this enrichment cannot work for {id=1}");
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(Exchange.REDELIVERY_COUNTER)).isNull();
    }

    @SuppressWarnings("unchecked")
    private List<Object> tokensOfRows(Exchange batch) {
        return ((List<Map<String, Object>>) batch.getMessage().getBody(List.class)).stream()
                .map(row -> row.get(RawChangeRow.OFFSET_TOKEN)).toList();
    }
}
