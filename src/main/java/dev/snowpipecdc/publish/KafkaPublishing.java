package dev.snowpipecdc.publish;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

import dev.snowpipecdc.Settings;
import dev.snowpipecdc.change.ChangeParser;
import dev.snowpipecdc.routes.Endpoints;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Binds the publish topology's destination: the Kafka producer and its delivery gate ({@link KafkaDelivery}), the
 * topics ({@link PublishedTopics}, bean {@code publishedTopics}) and the step that publishes each change
 * ({@link ChangePublisher}, bean {@code changePublisher}). The Kafka clients take camel-kafka's component options
 * ({@code camel.component.kafka.*}: security, SASL, timeouts) with {@code cdc.kafka.brokers}, so that one set of
 * settings serves the consume topology's consumer and the publisher alike.
 */
public final class KafkaPublishing {

    public static final String CHANGE_PUBLISHER = "changePublisher";

    private KafkaPublishing() {
    }

    /** The gate the source acknowledges through; the producer is made on first use, closed after the context. */
    public static KafkaDelivery bindDelivery(CamelContext context, Settings settings, MeterRegistry meters) {
        Supplier<Properties> client = clientProperties(context, settings.required("cdc.kafka.brokers"));
        KafkaDelivery delivery = new KafkaDelivery(context, () -> new KafkaProducer<>(producerProperties(client.get()),
                new ByteArraySerializer(), new ByteArraySerializer()), meters);
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                delivery.close();
            }
        });
        return delivery;
    }

    /** The topics and the publishing step; the source's parser (bean changeParser) must be bound. */
    public static void bindPublisher(CamelContext context, Settings settings, KafkaDelivery delivery,
                                     MeterRegistry meters) {
        String prefix = settings.required("cdc.source.name");
        List<String> topics = Arrays.stream(settings.required("cdc.source.tables").split(","))
                .map(String::strip).filter(t -> !t.isEmpty()).map(t -> prefix + "." + t).toList();
        Optional<Short> replication = settings.optional("cdc.kafka.publish.replication-factor").map(Short::valueOf);
        PublishedTopics published = new PublishedTopics(clientProperties(context,
                settings.required("cdc.kafka.brokers")), topics,
                settings.requiredInt("cdc.kafka.publish.partitions"), replication);
        context.getRegistry().bind(Endpoints.PUBLISHED_TOPICS, published);
        ChangeParser parser = context.getRegistry().lookupByNameAndType(Endpoints.CHANGE_PARSER, ChangeParser.class);
        context.getRegistry().bind(CHANGE_PUBLISHER, new ChangePublisher(parser, published,
                new ConnectEnvelope(Boolean.parseBoolean(settings.required("cdc.kafka.publish.schemas-enable"))),
                delivery, Boolean.parseBoolean(settings.required("cdc.kafka.publish.tombstones")),
                settings.required("cdc.kafka.publish.dead-letter-topic"), meters));
    }

    /** camel-kafka's component options as Kafka client properties, pointed at the brokers; read when called. */
    private static Supplier<Properties> clientProperties(CamelContext context, String brokers) {
        return () -> {
            KafkaConfiguration configuration = context.getComponent("kafka", KafkaComponent.class).getConfiguration()
                    .copy();
            Properties properties = configuration.createProducerProperties();
            // camel-kafka adds the brokers itself when it makes a client
            properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers);
            return properties;
        };
    }

    /**
     * Every record acknowledged by all in-sync replicas, written once per producer session, in order: one request in
     * flight per connection, so that after a record Kafka refuses nothing behind it is written (KafkaDelivery).
     */
    private static Properties producerProperties(Properties client) {
        Properties producer = new Properties();
        // camel-kafka keeps some of its options as the defaults of its Properties, which putAll does not copy
        client.stringPropertyNames().forEach(name -> producer.put(name, client.getProperty(name)));
        producer.putAll(client);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        producer.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        producer.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return producer;
    }
}
