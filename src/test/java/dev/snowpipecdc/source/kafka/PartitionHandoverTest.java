package dev.snowpipecdc.source.kafka;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import dev.snowpipecdc.batch.OpenBatches;
import dev.snowpipecdc.change.ChangeHeaders;
import dev.snowpipecdc.change.OffsetTokens;
import dev.snowpipecdc.component.ChannelStatus;
import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import dev.snowpipecdc.delivery.DeliveryGate;
import dev.snowpipecdc.delivery.WarehouseDelivery;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.ingest.PrivateKeys;
import dev.snowpipecdc.routes.Endpoints;
import dev.snowpipecdc.routes.TableRouteTemplate;
import dev.snowpipecdc.support.Changes;
import dev.snowpipecdc.support.LandingTables;
import dev.snowpipecdc.support.Sql;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.kafka.consumer.support.subcription.TopicInfo;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consume source's acknowledgement without a broker: the offset repository answers from the channel's
 * committed token, and the rebalance listener hands a revoked partition over (its open batch sent and committed,
 * its channel closed, the group's offset moved to what the warehouse has) before Camel's own listener runs. The
 * table route, the sink and the warehouse are real; the consumer is kafka-clients' MockConsumer, which calls the
 * listener the way a group rebalance does.
 */
class PartitionHandoverTest {

    private static final TopicPartition PARTITION = new TopicPartition("shop.public.orders", 0);
    private static final String CHANNEL = "shop_public_orders_0";

    @TempDir
    Path dir;
    private EmbeddedWarehouse warehouse;
    private CamelContext camel;
    private SnowpipeStreamingComponent sink;

    @BeforeEach
    void start() throws Exception {
        warehouse = EmbeddedWarehouse.start(dir, "TESTDB", "PUBLIC");
        LandingTables.create(warehouse);
        camel = new DefaultCamelContext();
        Properties props = new Properties();
        props.put("cdc.batch.size", "100");
        // the batch stays open until something sends it
        props.put("cdc.batch.interval-ms", "600000");
        props.put("cdc.landing.table", "RAW_CHANGES");
        props.put("cdc.sink.max-retries", "0");
        props.put("cdc.sink.retry-delay-ms", "10");
        camel.getPropertiesComponent().setInitialProperties(props);
        sink = new SnowpipeStreamingComponent();
        sink.setUrl(warehouse.ingestUrl());
        sink.setUser("TEST");
        sink.setPrivateKey(PrivateKeys.generate());
        sink.setDatabase("TESTDB");
        sink.setParameterOverrides(Map.of("max_client_lag", 1000));
        sink.setMeterRegistry(new SimpleMeterRegistry());
        camel.addComponent(SnowpipeStreamingComponent.SCHEME, sink);
        Processor none = exchange -> { };
        camel.getRegistry().bind("noEnrichment", Processor.class, none);
        camel.getRegistry().bind(TableRouteTemplate.BATCH_SENDER, ExecutorService.class,
                new SynchronousExecutorService());
        camel.getRegistry().bind(Endpoints.DELIVERY_GATE, new WarehouseDelivery(camel, sink, Duration.ofSeconds(30)));
        camel.addRoutes(new TableRouteTemplate());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(Endpoints.DEAD_LETTER).to("log:dead");
            }
        });
        camel.start();
        TemplatedRouteBuilder.builder(camel, Endpoints.TABLE_TEMPLATE).routeId("table-orders")
                .parameter("table", "orders").add();
    }

    @AfterEach
    void stop() {
        camel.stop();
        warehouse.close();
    }

    @Test
    void should_read_a_partition_from_its_channel_and_hand_it_over_with_its_open_batch_committed() throws Exception {
        ChannelOffsets offsets = new ChannelOffsets(sink, "RAW_CHANGES");
        PartitionPositions positions = new PartitionPositions(sink, "RAW_CHANGES", Duration.ZERO,
                new SimpleMeterRegistry());
        PartitionHandover handover = new PartitionHandover(new OpenBatches(camel), sink, "RAW_CHANGES",
                Duration.ofSeconds(30), positions, gate());
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        List<String> camelSaw = new ArrayList<>();
        handover.subscribe(consumer, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                camelSaw.add("revoked " + partitions + ", " + rows() + " rows landed, group offset "
                        + consumer.committed(Set.of(PARTITION)).get(PARTITION).offset());
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                camelSaw.add("assigned " + partitions);
            }
        }, new TopicInfo(null, PARTITION.topic()));

        consumer.rebalance(List.of(PARTITION));
        // nothing landed on the partition's channel: read it from the start
        assertThat(offsets.getState(PARTITION.topic() + "/0")).isEqualTo("-1");

        ProducerTemplate source = camel.createProducerTemplate();
        for (int offset = 0; offset < 3; offset++) {
            source.sendBodyAndHeaders(Endpoints.TABLE_PREFIX + "orders", Changes.create("orders", "order_id", offset,
                    Map.of("order_id", offset), OffsetTokens.format(1, 500, 600 + offset, 0)),
                    Map.of(ChangeHeaders.CHANNEL, CHANNEL, ChangeHeaders.CHANNEL_TOKEN,
                            PartitionChannels.position(offset)));
        }
        assertThat(rows()).as("the batch is still open").isZero();

        consumer.rebalance(List.of());

        // the handover returned only once the warehouse had the open batch, before Camel's listener ran
        // (and the group's offset moved to what the warehouse has)
        assertThat(camelSaw).containsExactly("assigned [" + PARTITION + "]", "revoked [" + PARTITION + "], 3 rows"
                + " landed, group offset 3", "assigned []");
        assertThat(sink.channelStatuses()).filteredOn(s -> s.id().channel().equals(CHANNEL))
                .extracting(ChannelStatus::state).containsExactly(ChannelStatus.State.NOT_OPEN);
        // its next owner reads from after the last offset the warehouse has
        assertThat(offsets.getState(PARTITION.topic() + "/0")).isEqualTo("2");
        assertThat(gate().failure()).isEmpty();

        // Kafka's retention deleted offsets 3..9 before they landed: assigned again, the partition stops delivery
        consumer.updateBeginningOffsets(Map.of(PARTITION, 10L));
        consumer.rebalance(List.of(PARTITION));
        assertThat(gate().failure()).hasValueSatisfying(reason -> assertThat(reason).startsWith("Partition "
                + PARTITION + " no longer holds offsets 3 to 9, which never reached the warehouse"));
    }

    private DeliveryGate gate() {
        return camel.getRegistry().lookupByNameAndType(Endpoints.DELIVERY_GATE, DeliveryGate.class);
    }

    private long rows() {
        try {
            return Sql.number(warehouse::openDuckDb, "SELECT COUNT(*) FROM RAW_CHANGES");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
