package dev.snowpipecdc.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.change.ChangeHeaders;
import dev.snowpipecdc.change.RawChangeRow;
import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import dev.snowpipecdc.delivery.WarehouseDelivery;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.ingest.PrivateKeys;
import dev.snowpipecdc.ingest.RejectedRow;
import dev.snowpipecdc.routes.DeadLetterRoutes;
import dev.snowpipecdc.routes.Endpoints;
import dev.snowpipecdc.support.Changes;
import dev.snowpipecdc.support.LandingTables;
import dev.snowpipecdc.support.Sql;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-letter route through the real sink into the embedded warehouse's DEAD_LETTERS: committed before the
 * route returns, once per change even when a replay dead-letters it again, and small enough to land.
 */
class DeadLetterRoutesTest extends CamelTestSupport {

    @TempDir
    Path dir;

    private EmbeddedWarehouse warehouse;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        Properties props = new Properties();
        props.put("cdc.dead-letter.table", "DEAD_LETTERS");
        props.put("cdc.sink.max-retries", "2");
        props.put("cdc.sink.retry-delay-ms", "10");
        configuration.withUseOverridePropertiesWithPropertiesComponent(props);
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        warehouse = EmbeddedWarehouse.start(dir, "TESTDB", "PUBLIC");
        LandingTables.create(warehouse);
        SnowpipeStreamingComponent sink = new SnowpipeStreamingComponent();
        sink.setUrl(warehouse.ingestUrl());
        sink.setUser("TEST");
        sink.setPrivateKey(PrivateKeys.generate());
        sink.setDatabase("TESTDB");
        sink.setParameterOverrides(Map.of("max_client_lag", 1000));
        sink.setMaxRetries(2);
        sink.setRetryDelayMs(10);
        registry.bind(SnowpipeStreamingComponent.SCHEME, sink);
        registry.bind("deadLetterRows", new DeadLetterRows(meters));
        registry.bind(Endpoints.DELIVERY_GATE, new WarehouseDelivery(context, sink, Duration.ofSeconds(30)));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new DeadLetterRoutes();
    }

    @AfterEach
    void stopWarehouse() {
        context.stop();
        warehouse.close();
    }

    @Test
    void should_record_a_change_once_and_committed_when_the_route_returns_even_if_replayed() throws Exception {
        ChangeEvent change = Changes.create("invoices", "id", 7, Map.of("id", 7), "1-0000000000000001-00000000000000A0-00000000");

        deadLetter(change, DeadLetters.UNKNOWN_TABLE, "No route for table invoices");

        assertThat(rows("SELECT REASON, DETAIL, SOURCE_TABLE, OFFSET_TOKEN, PAYLOAD->>'OPERATION' FROM DEAD_LETTERS"))
                .as("committed before the route returned").containsExactly("unknown-table|No route for table"
                        + " invoices|invoices|1-0000000000000001-00000000000000A0-00000000|c");

        deadLetter(change, DeadLetters.UNKNOWN_TABLE, "No route for table invoices");
        deadLetter(Changes.create("invoices", "id", 8, Map.of("id", 8), "1-0000000000000002-00000000000000B0-00000000"),
                DeadLetters.UNKNOWN_TABLE, "No route for table invoices");

        assertThat(rows("SELECT OFFSET_TOKEN FROM DEAD_LETTERS ORDER BY 1")).as("the replayed change once")
                .containsExactly("1-0000000000000001-00000000000000A0-00000000",
                        "1-0000000000000002-00000000000000B0-00000000");
        assertThat(meters.counter("cdc.dead.letter", "reason", "unknown-table").count()).isEqualTo(3);
    }

    @Test
    void should_record_refused_rows_with_their_reason_and_a_summary_of_a_payload_too_large_to_land()
            throws Exception {
        Map<String, Object> big = Map.of(RawChangeRow.TABLE_NAME, "orders", RawChangeRow.OPERATION, "c",
                RawChangeRow.OFFSET_TOKEN, "1-0000000000000001-00000000000000A0-00000000",
                RawChangeRow.AFTER, Map.of("note", "x".repeat(3_000_000)));
        Map<String, Object> small = Map.of(RawChangeRow.TABLE_NAME, "orders", RawChangeRow.OPERATION, "u",
                RawChangeRow.OFFSET_TOKEN, "1-0000000000000002-00000000000000B0-00000000");

        Exchange sent = template.request(Endpoints.DEAD_LETTER, e -> e.getMessage().setBody(List.of(
                new RejectedRow(0, big, "0031", "The given row exceeds the maximum allowed row size"),
                new RejectedRow(1, small, "0030", "Not a valid number"))));

        assertThat(sent.getException()).isNull();
        assertThat(rows("SELECT REASON, ROW_INDEX, SOURCE_TABLE, DETAIL, PAYLOAD->>'truncated',"
                + " PAYLOAD->>'OFFSET_TOKEN' FROM DEAD_LETTERS ORDER BY ROW_INDEX")).containsExactly(
                "rejected-row|0|orders|0031: The given row exceeds the maximum allowed row size|true"
                        + "|1-0000000000000001-00000000000000A0-00000000",
                "rejected-row|1|orders|0030: Not a valid number|null|1-0000000000000002-00000000000000B0-00000000");
    }

    @Test
    void should_record_every_dead_letter_a_replay_may_not_make_again_even_below_an_earlier_token()
            throws Exception {
        deadLetter(Changes.create("orders", "order_id", 10, Map.of("order_id", 10),
                "1-0000000000000010-00000000000000A0-00000000"), DeadLetters.LOOKUP_FAILED, "lookup down");
        // a replay after a crash: the earlier change failed its lookup this time, and must not be taken as done
        deadLetter(Changes.create("orders", "order_id", 5, Map.of("order_id", 5),
                "1-0000000000000005-0000000000000050-00000000"), DeadLetters.LOOKUP_FAILED, "lookup down");

        assertThat(rows("SELECT OFFSET_TOKEN FROM DEAD_LETTERS ORDER BY 1")).containsExactly(
                "1-0000000000000005-0000000000000050-00000000", "1-0000000000000010-00000000000000A0-00000000");
    }

    @Test
    void should_commit_a_dead_letter_without_table_or_position_before_the_route_returns() throws Exception {
        deadLetter("not a change", DeadLetters.MALFORMED, "Not a Debezium change");

        assertThat(rows("SELECT REASON, SOURCE_TABLE, OFFSET_TOKEN FROM DEAD_LETTERS"))
                .containsExactly("malformed|null|null");
    }

    @Test
    void should_place_the_dead_letters_of_a_source_with_channels_by_their_channel_and_place_there() throws Exception {
        // two partitions of one topic: partition 1's change has the lower offset token but comes later
        deadLetterAt(Changes.create("invoices", "id", 8, Map.of("id", 8), "1-0000000000000002-00000000000000B0-00000000"),
                DeadLetters.UNKNOWN_TABLE, "dbserver1_public_invoices_0", "0000000000000000005");
        deadLetterAt(Changes.create("invoices", "id", 7, Map.of("id", 7), "1-0000000000000001-00000000000000A0-00000000"),
                DeadLetters.UNKNOWN_TABLE, "dbserver1_public_invoices_1", "0000000000000000003");
        deadLetterAt("{not json", DeadLetters.MALFORMED, "dbserver1_public_invoices_1", "0000000000000000004");
        // the group rebalanced: partition 1 is read again from offset 3
        deadLetterAt(Changes.create("invoices", "id", 7, Map.of("id", 7), "1-0000000000000001-00000000000000A0-00000000"),
                DeadLetters.UNKNOWN_TABLE, "dbserver1_public_invoices_1", "0000000000000000003");
        deadLetterAt("{not json", DeadLetters.MALFORMED, "dbserver1_public_invoices_1", "0000000000000000004");

        assertThat(rows("SELECT REASON, OFFSET_TOKEN FROM DEAD_LETTERS ORDER BY DEAD_LETTERED_AT")).containsExactly(
                "unknown-table|1-0000000000000002-00000000000000B0-00000000",
                "unknown-table|1-0000000000000001-00000000000000A0-00000000",
                "malformed|null");
    }

    private void deadLetterAt(Object body, String reason, String channel, String place) {
        Exchange sent = template.request(Endpoints.DEAD_LETTER, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader(DeadLetters.REASON, reason);
            e.getMessage().setHeader(DeadLetters.DETAIL, "at " + channel + "@" + place);
            e.getMessage().setHeader(ChangeHeaders.CHANNEL, channel);
            e.getMessage().setHeader(ChangeHeaders.CHANNEL_TOKEN, place);
        });
        assertThat(sent.getException()).isNull();
    }

    private void deadLetter(Object body, String reason, String detail) {
        Exchange sent = template.request(Endpoints.DEAD_LETTER, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader(DeadLetters.REASON, reason);
            e.getMessage().setHeader(DeadLetters.DETAIL, detail);
        });
        assertThat(sent.getException()).isNull();
    }

    private List<String> rows(String sql) throws SQLException {
        return Sql.rows(warehouse::openDuckDb, sql);
    }
}
