package dev.snowpipecdc.component;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.IngestClientFactory;
import dev.snowpipecdc.ingest.IngestClient;
import dev.snowpipecdc.ingest.IngestSettings;
import dev.snowpipecdc.ingest.OnError;
import dev.snowpipecdc.ingest.PrivateKeys;
import dev.snowpipecdc.ingest.RejectedRow;
import dev.snowpipecdc.ingest.validation.RowValidator;
import dev.snowpipecdc.support.Sql;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The component through the real ingest SDK, over HTTP, against the embedded warehouse: tokens, commits,
 * refused rows and a restart that picks up at the committed token.
 */
class SnowpipeStreamingComponentTest {

    /** The SDK the component writes with; HighPerformanceComponentTest runs every test again with the other one. */
    protected String sdk() {
        return IngestClientFactory.CLASSIC_SDK;
    }

    private boolean classic() {
        return sdk().equals(IngestClientFactory.CLASSIC_SDK);
    }

    private static final String SINK = "snowpipe-streaming:EVENTS?channel=c1&offsetTokenColumn=TOKEN"
            + "&deadLetterUri=mock:dead";

    @TempDir
    Path dataDir;
    private EmbeddedWarehouse warehouse;
    private final String privateKey = PrivateKeys.generate();

    @BeforeEach
    void startWarehouse() throws SQLException {
        warehouse = EmbeddedWarehouse.start(dataDir, "TESTDB", "PUBLIC");
        try (Connection c = warehouse.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE EVENTS (ID NUMBER(10,0) NOT NULL, NAME VARCHAR(100), TOKEN VARCHAR(10) NOT NULL)");
        }
    }

    @AfterEach
    void stopWarehouse() {
        warehouse.close();
    }

    @Test
    void should_land_a_batch_and_commit_its_end_token() throws Exception {
        try (CamelContext camel = pipeline()) {
            Exchange sent = camel.createProducerTemplate().request("direct:in", e -> {
                e.getMessage().setBody(rows(1, 5));
                e.getMessage().setHeader(SnowpipeStreamingConstants.OFFSET_TOKEN, token(5));
            });
            assertThat(sent.getException()).isNull();
            assertThat(sent.getMessage().getHeader(SnowpipeStreamingConstants.ROWS_ACCEPTED)).isEqualTo(5);
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM EVENTS") == 5);
        }
        assertThat(ids()).containsExactly(1, 2, 3, 4, 5);
        // read back through the SDK, as a new owner of the channel would see it
        assertThat(committedToken()).hasValue(token(5));
    }

    @Test
    void should_send_refused_rows_to_the_dead_letter_endpoint_and_land_the_others() throws Exception {
        // the classic SDK validates rows as it takes them; with the high-performance one the client checks them
        // against the table's columns before it sends them (Snowflake would only count a refused row)
        try (CamelContext camel = pipeline()) {
            MockEndpoint dead = camel.getEndpoint("mock:dead", MockEndpoint.class);
            dead.expectedMessageCount(1);
            List<Map<String, Object>> rows = rows(1, 3);
            rows.get(1).put("ID", "not a number");

            Exchange sent = send(camel, rows);

            dead.assertIsSatisfied();
            List<RejectedRow> refused = refused(dead.getExchanges().get(0));
            assertThat(refused).hasSize(1);
            assertThat(refused.get(0).index()).isEqualTo(1);
            assertThat(refused.get(0).code()).isEqualTo(classic() ? "0030" : RowValidator.INVALID_VALUE);
            assertThat(refused.get(0).message()).contains("column ID").contains("Not a valid number");
            assertThat(refused.get(0).row()).containsEntry("TOKEN", token(2));
            assertThat(dead.getExchanges().get(0).getMessage().getHeader(SnowpipeStreamingConstants.CHANNEL))
                    .isEqualTo("TESTDB.PUBLIC.EVENTS/c1");
            assertThat(sent.getMessage().getHeader(SnowpipeStreamingConstants.ROWS_REJECTED)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM EVENTS") == 2);
        }
        assertThat(ids()).containsExactly(1, 3);
    }

    @Test
    void should_dead_letter_the_refused_rows_of_a_skip_batch_first_and_then_land_the_others() throws Exception {
        // the classic SDK validates rows as it takes them; with the high-performance one the client checks them
        // against the table's columns before it sends them (Snowflake would only count a refused row)
        try (CamelContext camel = pipeline("snowpipe-streaming:EVENTS?channel=c2&onError=SKIP_BATCH"
                + "&offsetTokenColumn=TOKEN&deadLetterUri=mock:dead")) {
            MockEndpoint dead = camel.getEndpoint("mock:dead", MockEndpoint.class);
            dead.expectedMessageCount(1);
            List<Map<String, Object>> rows = rows(1, 3);
            rows.get(2).put("ID", "not a number");

            Exchange sent = send(camel, rows);

            dead.assertIsSatisfied();
            assertThat(refused(dead.getExchanges().get(0))).extracting(RejectedRow::index).containsExactly(2);
            assertThat(sent.getMessage().getHeader(SnowpipeStreamingConstants.ROWS_ACCEPTED)).isEqualTo(2);
            assertThat(sent.getMessage().getHeader(SnowpipeStreamingConstants.ROWS_REJECTED)).isEqualTo(1);
            send(camel, rows(4, 4));
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM EVENTS") == 3);
        }
        assertThat(ids()).containsExactly(1, 2, 4);
        assertThat(committedToken("c2")).hasValue(token(4));
    }

    @Test
    void should_reopen_a_channel_taken_over_by_another_writer_and_send_again_what_it_had_not_committed()
            throws Exception {
        try (CamelContext camel = pipeline(SINK, Map.of("max_client_lag", 60_000))) {
            send(camel, rows(1, 5));
            // another writer takes the channel over while rows 1..5 sit in our buffer: the service will refuse them
            try (IngestClient other = otherClient()) {
                other.openChannel(new ChannelId("TESTDB", "PUBLIC", "EVENTS", "c1"), OnError.CONTINUE);
                send(camel, rows(6, 8));

                component(camel).awaitAllCommitted(Duration.ofSeconds(60));
            }
        }
        assertThat(ids()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(committedToken()).hasValue(token(8));
    }

    @Test
    void should_retry_through_an_outage_holding_the_channel_and_land_everything_once() throws Exception {
        try (CamelContext camel = pipeline()) {
            send(camel, rows(1, 3));
            component(camel).awaitAllCommitted(Duration.ofSeconds(30));
            warehouse.suspendIngest();
            Thread resume = new Thread(() -> {
                try {
                    // an outage of a few seconds, while the next batch is being retried
                    Thread.sleep(3000);
                    warehouse.resumeIngest();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            resume.start();
            send(camel, rows(4, 6));
            resume.join();
            component(camel).awaitAllCommitted(Duration.ofSeconds(60));
        }
        assertThat(ids()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void should_give_up_on_a_channel_after_the_retries_and_send_nothing_more_on_it() throws Exception {
        // a table that is not there yet: every open fails, quickly
        try (CamelContext camel = pipeline("snowpipe-streaming:LATER?offsetTokenColumn=TOKEN",
                Map.of("max_client_lag", 1000), 1, 50)) {
            Exchange failed = camel.createProducerTemplate().request("direct:in", e -> {
                e.getMessage().setBody(rows(1, 2));
                e.getMessage().setHeader(SnowpipeStreamingConstants.OFFSET_TOKEN, token(2));
            });
            try (Connection c = warehouse.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE LATER (ID NUMBER(10,0), NAME VARCHAR(100), TOKEN VARCHAR(10))");
            }
            Exchange after = camel.createProducerTemplate().request("direct:in", e -> {
                e.getMessage().setBody(rows(3, 3));
                e.getMessage().setHeader(SnowpipeStreamingConstants.OFFSET_TOKEN, token(3));
            });

            assertThat(failed.getException()).isInstanceOf(SinkFailedException.class)
                    .hasMessageContaining("gave up after 1 retries").hasMessageContaining("LATER");
            assertThat(after.getException()).as("nothing more is sent on it, even once the table is there")
                    .isInstanceOf(SinkFailedException.class).hasMessageContaining("has given up");
            assertThat(component(camel).failure()).isPresent();
        }
        assertThat(count("SELECT COUNT(*) FROM LATER")).isZero();
    }

    @Test
    void should_cut_a_batch_into_inserts_under_the_byte_limit() throws Exception {
        List<Map<String, Object>> rows = rows(1, 20);
        rows.forEach(r -> r.put("NAME", "x".repeat(90)));
        Exchange sent;
        try (CamelContext camel = pipeline(SINK + "&maxBatchBytes=500")) {
            sent = send(camel, rows);
            component(camel).awaitAllCommitted(Duration.ofSeconds(30));
        }
        assertThat(sent.getMessage().getHeader(SnowpipeStreamingConstants.ROWS_ACCEPTED)).isEqualTo(20);
        assertThat(ids()).hasSize(20).doesNotHaveDuplicates();
        assertThat(committedToken()).hasValue(token(20));
    }

    @Test
    void should_continue_after_a_restart_from_the_committed_token_without_duplicates() throws Exception {
        try (CamelContext camel = pipeline()) {
            send(camel, rows(1, 10));
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM EVENTS") == 10);
        }
        // the source replays from an older position after a restart: rows 6..10 again, then new ones
        Exchange replay;
        try (CamelContext camel = pipeline()) {
            replay = send(camel, rows(6, 15));
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM EVENTS") == 15);
        }
        assertThat(replay.getMessage().getHeader(SnowpipeStreamingConstants.ROWS_SKIPPED)).isEqualTo(5);
        assertThat(ids()).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 15).boxed().toList());
        assertThat(committedToken()).hasValue(token(15));
    }

    @Test
    void should_take_each_rows_place_in_the_channel_from_the_header_when_it_is_not_a_column() throws Exception {
        // the channel's positions (partition offsets, say) are not what the rows hold in TOKEN
        String sink = "snowpipe-streaming:EVENTS?channel=p0&offsetTokenColumn=TOKEN";
        try (CamelContext camel = pipeline(sink)) {
            sendAt(camel, rows(1, 4), List.of("100", "101", "102", "103"));
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM EVENTS") == 4);
        }
        Exchange replay;
        try (CamelContext camel = pipeline(sink)) {
            // redelivered from 102 on: the header's positions, not TOKEN, tell which rows the channel has
            replay = sendAt(camel, rows(3, 6), List.of("102", "103", "104", "105"));
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM EVENTS") == 6);
            // the source rewound while a batch was open (a consumer group's rebalance): 106, 107 come twice in it
            List<Map<String, Object>> rewound = new ArrayList<>(rows(7, 8));
            rewound.addAll(rows(7, 9));
            Exchange inBatch = sendAt(camel, rewound, List.of("106", "107", "106", "107", "108"));
            assertThat(inBatch.getMessage().getHeader(SnowpipeStreamingConstants.ROWS_SKIPPED)).isEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM EVENTS") == 9);
        }
        assertThat(replay.getMessage().getHeader(SnowpipeStreamingConstants.ROWS_SKIPPED)).isEqualTo(2);
        assertThat(ids()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(committedToken("p0")).hasValue("108");
    }

    private static Exchange sendAt(CamelContext camel, List<Map<String, Object>> rows, List<String> positions) {
        Exchange sent = camel.createProducerTemplate().request("direct:in", e -> {
            e.getMessage().setBody(rows);
            e.getMessage().setHeader(SnowpipeStreamingConstants.ROW_OFFSET_TOKENS, positions);
            e.getMessage().setHeader(SnowpipeStreamingConstants.OFFSET_TOKEN, positions.get(positions.size() - 1));
        });
        assertThat(sent.getException()).isNull();
        return sent;
    }

    private CamelContext pipeline() throws Exception {
        return pipeline(SINK);
    }

    private CamelContext pipeline(String sinkUri) throws Exception {
        return pipeline(sinkUri, Map.of("max_client_lag", 1000));
    }

    private CamelContext pipeline(String sinkUri, Map<String, Object> sdk) throws Exception {
        return pipeline(sinkUri, sdk, 20, 200);
    }

    private CamelContext pipeline(String sinkUri, Map<String, Object> sdk, int maxRetries, long retryDelayMs)
            throws Exception {
        CamelContext camel = new DefaultCamelContext();
        SnowpipeStreamingComponent sink = new SnowpipeStreamingComponent();
        sink.setUrl(warehouse.ingestUrl());
        sink.setUser("TEST");
        sink.setPrivateKey(privateKey);
        sink.setDatabase("TESTDB");
        sink.setParameterOverrides(sdk);
        sink.setSdk(sdk());
        sink.setWarehouse(warehouse.dataSource());
        sink.setMaxRetries(maxRetries);
        sink.setRetryDelayMs(retryDelayMs);
        camel.addComponent(SnowpipeStreamingComponent.SCHEME, sink);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to(sinkUri);
            }
        });
        camel.start();
        return camel;
    }

    private static Exchange send(CamelContext camel, List<Map<String, Object>> rows) {
        Exchange sent = camel.createProducerTemplate().request("direct:in", e -> {
            e.getMessage().setBody(rows);
            e.getMessage().setHeader(SnowpipeStreamingConstants.OFFSET_TOKEN, rows.get(rows.size() - 1).get("TOKEN"));
        });
        assertThat(sent.getException()).isNull();
        return sent;
    }

    private static List<Map<String, Object>> rows(int from, int to) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ID", i);
            row.put("NAME", "row " + i);
            row.put("TOKEN", token(i));
            rows.add(row);
        }
        return rows;
    }

    private static String token(int i) {
        return String.format("%010d", i);
    }

    private static SnowpipeStreamingComponent component(CamelContext camel) {
        return camel.getComponent(SnowpipeStreamingComponent.SCHEME, SnowpipeStreamingComponent.class);
    }

    private IngestClient otherClient() {
        return IngestClientFactory.of(sdk()).connect(new IngestSettings("other", warehouse.ingestUrl(), "TEST", Optional.empty(),
                privateKey, Optional.empty(), Map.of()));
    }

    @SuppressWarnings("unchecked")
    private static List<RejectedRow> refused(Exchange deadLetter) {
        return deadLetter.getMessage().getBody(List.class);
    }

    private Optional<String> committedToken() {
        return committedToken("c1");
    }

    private Optional<String> committedToken(String channel) {
        IngestSettings settings = new IngestSettings("reader", warehouse.ingestUrl(), "TEST", Optional.empty(),
                privateKey, Optional.empty(), Map.of());
        try (IngestClient client = IngestClientFactory.of(sdk()).connect(settings)) {
            return client.openChannel(new ChannelId("TESTDB", "PUBLIC", "EVENTS", channel), OnError.CONTINUE)
                    .committedOffsetToken();
        }
    }

    private long count(String sql) throws SQLException {
        return Sql.number(warehouse::openDuckDb, sql);
    }

    private List<Integer> ids() throws SQLException {
        return Sql.rows(warehouse::openDuckDb, "SELECT ID FROM EVENTS ORDER BY ID").stream().map(Integer::valueOf)
                .toList();
    }
}
