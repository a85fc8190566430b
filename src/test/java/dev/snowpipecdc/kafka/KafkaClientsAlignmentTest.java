package dev.snowpipecdc.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.snowpipecdc.support.KafkaBroker;
import io.debezium.embedded.async.AsyncEmbeddedEngine;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.junit.jupiter.api.Test;

/**
 * Debezium 3.4 is built on Kafka Connect 4.1 and camel-kafka 4.17 on kafka-clients 3.9: the build pins one
 * kafka-clients, 4.1.1, for both. Here camel-kafka's producer and consumer run on it against a real broker (keyed
 * messages spread over the partitions and come back whole), beside the Debezium engine and Connect runtime that the
 * end-to-end tests run on the same class path.
 */
class KafkaClientsAlignmentTest extends CamelTestSupport {

    private static final String TOPIC = "alignment";
    private static final int MESSAGES = 60;

    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();

    @Override
    protected RouteBuilder createRouteBuilder() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        broker.createTopic(TOPIC, 3);
        String brokers = broker.bootstrapServers();
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("kafka:" + TOPIC + "?brokers=" + brokers + "&groupId=alignment&autoOffsetReset=earliest"
                        + "&pollTimeoutMs=500")
                        .routeId("alignment-consumer")
                        .process(exchange -> {
                            received.add(exchange.getMessage().getHeader(KafkaConstants.KEY, String.class) + "="
                                    + exchange.getMessage().getBody(String.class));
                            partitions.add(exchange.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class));
                        });
                from("direct:publish").to("kafka:" + TOPIC + "?brokers=" + brokers);
            }
        };
    }

    @Test
    void should_run_camel_kafka_and_debezium_on_the_one_pinned_kafka_clients() {
        assertThat(AppInfoParser.getVersion()).isEqualTo("4.1.1");
        // Connect's runtime and Debezium's engine load against it
        assertThat(WorkerConfig.class.getPackage().getName()).isEqualTo("org.apache.kafka.connect.runtime");
        assertThat(AsyncEmbeddedEngine.class).isNotNull();

        NotifyBuilder done = new NotifyBuilder(context).fromRoute("alignment-consumer").whenDone(MESSAGES).create();
        for (int i = 0; i < MESSAGES; i++) {
            template.sendBodyAndHeader("direct:publish", "change " + i, KafkaConstants.KEY, "key-" + i);
        }

        assertThat(done.matches(60, TimeUnit.SECONDS)).as("every message came back").isTrue();
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            expected.add("key-" + i + "=change " + i);
        }
        assertThat(new TreeSet<>(received)).isEqualTo(expected);
        assertThat(partitions).as("keys spread over the topic's partitions").containsExactlyInAnyOrder(0, 1, 2);
    }
}
