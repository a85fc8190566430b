package dev.snowpipecdc.enrich;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.support.Changes;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Orders get their customer's email and name: from the cache the customers stream keeps, else from PostgreSQL. */
class CacheLookupEnricherTest {

    private static EmbeddedPostgres postgres;

    private final RowCache cache = new RowCache();
    private final RowCacheFeeder feeder = new RowCacheFeeder();
    private final CacheLookupEnricher enricher = new CacheLookupEnricher();

    @BeforeAll
    static void startSource() throws Exception {
        postgres = EmbeddedPostgres.start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customers (customer_id INT PRIMARY KEY, email VARCHAR(255), name VARCHAR(255))");
            st.execute("INSERT INTO customers VALUES (1, 'ann@db.example', 'Ann'), (2, 'bob@db.example', 'Bob')");
        }
    }

    @AfterAll
    static void stopSource() throws Exception {
        postgres.close();
    }

    CacheLookupEnricherTest() {
        feeder.setCache(cache);
        enricher.setCache(cache);
        enricher.setSource(postgres.getPostgresDatabase());
        enricher.setTable("customers");
        enricher.setKeyColumn("customer_id");
        enricher.setForeignKeyColumn("customer_id");
        enricher.setColumns("email,name");
        enricher.setPrefix("customer_");
    }

    @Test
    void should_look_up_the_source_on_a_miss_and_cache_the_row() throws Exception {
        ChangeEvent enriched = enrich(order(10, 1));

        assertThat(enriched.enrichment()).containsExactly(Map.entry("customer_email", "ann@db.example"),
                Map.entry("customer_name", "Ann"));
        assertThat(cache.get("customers", 1)).get().satisfies(row -> assertThat(row).containsEntry("name", "Ann"));
    }

    @Test
    void should_use_the_row_the_customers_stream_put_in_the_cache() throws Exception {
        // the stream is newer than the database read: the cached value must win, without a lookup
        feed(Changes.create("customers", "customer_id", 2, Map.of("customer_id", 2, "email", "bob@stream.example",
                "name", "Bob S"), "T1"));

        ChangeEvent enriched = enrich(order(11, 2));

        assertThat(enriched.enrichment()).containsEntry("customer_email", "bob@stream.example")
                .containsEntry("customer_name", "Bob S");
    }

    @Test
    void should_forget_a_deleted_customer_and_read_the_source_again() throws Exception {
        feed(Changes.create("customers", "customer_id", 2, Map.of("customer_id", 2, "email", "old@stream.example",
                "name", "Old"), "T1"));
        feed(Changes.delete("customers", "customer_id", 2, Map.of("customer_id", 2), "T2"));

        assertThat(cache.get("customers", 2)).isEmpty();
        assertThat(enrich(order(12, 2)).enrichment()).containsEntry("customer_email", "bob@db.example");
    }

    @Test
    void should_enrich_with_nulls_when_the_customer_exists_nowhere_and_not_at_all_without_a_customer()
            throws Exception {
        assertThat(enrich(order(13, 99)).enrichment()).containsEntry("customer_email", null)
                .containsEntry("customer_name", null);
        ChangeEvent noCustomer = Changes.create("orders", "order_id", 14, Map.of("order_id", 14), "T3");
        assertThat(enrich(noCustomer).enrichment()).isEmpty();
    }

    private static ChangeEvent order(int orderId, int customerId) {
        return Changes.create("orders", "order_id", orderId, Map.of("order_id", orderId, "customer_id", customerId),
                "T" + orderId);
    }

    private ChangeEvent enrich(ChangeEvent event) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(event);
        enricher.process(exchange);
        return exchange.getMessage().getBody(ChangeEvent.class);
    }

    private void feed(ChangeEvent event) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(event);
        feeder.process(exchange);
    }
}
