package dev.snowpipecdc.publish;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

import dev.snowpipecdc.Settings;
import dev.snowpipecdc.change.ChangeParser;
import dev.snowpipecdc.routes.Endpoints;
import dev.snowpipecdc.source.debezium.DebeziumSource;
import dev.snowpipecdc.warehouse.tables.TableSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
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

    private KafkaPublishing() {
    }

    /** The gate the source acknowledges through; the producer is made on first use, closed after the context. */
    public static KafkaDelivery bindDelivery(CamelContext context, Settings settings, MeterRegistry meters) {
        Supplier<Properties> client = clientProperties(context, settings.required("cdc.kafka.brokers"));
        KafkaDelivery delivery = new KafkaDelivery(context, () -> new KafkaProducer<>(producerProperties(client.get()),
                new ByteArraySerializer(), new ByteArraySerializer()), meters);
        try {
            // stopped with the context, after its routes
            context.addService(delivery, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot add the Kafka producer's service", e);
        }
        return delivery;
    }

    /** The topics and the publishing step; the source's parser (bean changeParser) must be bound. */
    public static void bindPublisher(CamelContext context, Settings settings, KafkaDelivery delivery,
                                     MeterRegistry meters) {
        String prefix = settings.required("cdc.source.name");
        List<String> topics = TableSettings.sourceTables(settings.required(TableSettings.TABLES)).stream()
                .map(table -> prefix + "." + table[0] + "." + table[1]).toList();
        String deadLetters = settings.required("cdc.kafka.publish.dead-letter-topic");
        Optional<Short> replication = settings.optional("cdc.kafka.publish.replication-factor").map(Short::valueOf);
        PublishedTopics published = new PublishedTopics(clientProperties(context,
                settings.required("cdc.kafka.brokers")), topics, deadLetters,
                settings.requiredInt("cdc.kafka.publish.partitions"), replication,
                DebeziumSource.offsetsFile(settings));
        context.getRegistry().bind(Endpoints.PUBLISHED_TOPICS, published);
        ChangeParser parser = context.getRegistry().lookupByNameAndType(Endpoints.CHANGE_PARSER, ChangeParser.class);
        context.getRegistry().bind(Endpoints.CHANGE_PUBLISHER, new ChangePublisher(parser, published,
                new ConnectEnvelope(Boolean.parseBoolean(settings.required("cdc.kafka.publish.schemas-enable")),
                        prefix),
                delivery, Boolean.parseBoolean(settings.required("cdc.kafka.publish.tombstones")), deadLetters,
                meters));
    }

    /** camel-kafka's component options as Kafka client properties, pointed at the brokers; read when called. */
    static Supplier<Properties> clientProperties(CamelContext context, String brokers) {
        return () -> {
            KafkaConfiguration configuration = context.getComponent("kafka", KafkaComponent.class).getConfiguration()
                    .copy();
            Properties options = configuration.createProducerProperties();
            // camel-kafka keeps some of its options as the defaults of its Properties, which neither putAll nor
            // a lookup by key sees
            Properties properties = new Properties();
            options.stringPropertyNames().forEach(name -> properties.put(name, options.getProperty(name)));
            properties.putAll(options);
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
        producer.putAll(client);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        producer.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        producer.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return producer;
    }
}
