package dev.snowpipecdc.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.ClassicIngestClient;
import dev.snowpipecdc.ingest.IngestChannel;
import dev.snowpipecdc.ingest.IngestClient;
import dev.snowpipecdc.ingest.IngestException;
import dev.snowpipecdc.ingest.IngestSettings;
import dev.snowpipecdc.ingest.OnError;
import dev.snowpipecdc.ingest.PrivateKeys;
import dev.snowpipecdc.support.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The emulator answers the unmodified ingest SDK as Snowflake would: rows, types, tokens and refusals. */
class StreamingIngestEmulatorTest {

    @TempDir
    Path dataDir;
    private EmbeddedWarehouse warehouse;
    private final String key = PrivateKeys.generate();

    @BeforeEach
    void start() throws SQLException {
        warehouse = EmbeddedWarehouse.start(dataDir, "TESTDB", "PUBLIC");
        execute("CREATE TABLE T1 (ID NUMBER(10,0) NOT NULL, NAME VARCHAR(20), DOC VARIANT, TS TIMESTAMP_LTZ,"
                + " LOCAL_AT TIMESTAMP_NTZ, AMOUNT NUMBER(10,2), OK BOOLEAN, RATIO FLOAT, DAY DATE)");
    }

    @AfterEach
    void stop() {
        warehouse.close();
    }

    @Test
    void should_load_every_type_exactly_and_keep_the_offset_token_with_the_rows() throws Exception {
        try (IngestClient client = client("c")) {
            IngestChannel channel = client.openChannel(id("T1", "ch"), OnError.CONTINUE);
            channel.insert(List.of(Map.of("ID", 1, "NAME", "one", "DOC", Map.of("a", List.of(1, 2)),
                    "TS", "2026-01-02T03:04:05.123456Z", "LOCAL_AT", "2026-01-02T03:04:05.5", "AMOUNT", "12.34",
                    "OK", true, "RATIO", 0.25, "DAY", "2026-01-02")), "7", "7");
            await().atMost(Duration.ofSeconds(30)).until(() -> channel.committedOffsetToken().equals(Optional.of("7")));
        }
        assertThat(query("SELECT ID, NAME, DOC->>'$.a[1]', strftime(TS AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%f'),"
                + " LOCAL_AT, AMOUNT, OK, RATIO, DAY FROM T1"))
                .isEqualTo("1|one|2|2026-01-02 03:04:05.123456|2026-01-02 03:04:05.5|12.34|true|0.25|2026-01-02");
        assertThat(query("SELECT OFFSET_TOKEN, ROW_SEQUENCER FROM TESTDB._EMULATOR.CHANNELS WHERE CHANNEL_NAME = 'CH'"))
                .isEqualTo("7|1");
    }

    @Test
    void should_refuse_a_channel_on_a_missing_table_with_snowflakes_status() {
        try (IngestClient client = client("c")) {
            assertThatThrownBy(() -> client.openChannel(id("NOPE", "ch"), OnError.CONTINUE))
                    .isInstanceOf(IngestException.class)
                    .hasMessageContaining("Cannot open channel TESTDB.PUBLIC.NOPE/ch")
                    .hasMessageContaining("does not exist");
        }
    }

    @Test
    void should_refuse_a_table_with_a_column_default_as_snowflake_does() throws SQLException {
        try (Connection c = warehouse.openDuckDb(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE T2 (ID DECIMAL(10,0), TS TIMESTAMPTZ DEFAULT now())");
        }
        try (IngestClient client = client("c")) {
            assertThatThrownBy(() -> client.openChannel(id("T2", "ch"), OnError.CONTINUE))
                    .isInstanceOf(IngestException.class).hasMessageContaining("TS has a default value");
        }
    }

    @Test
    void should_invalidate_the_older_owner_when_a_channel_is_reopened() throws Exception {
        try (IngestClient first = client("first"); IngestClient second = client("second")) {
            IngestChannel old = first.openChannel(id("T1", "ch"), OnError.CONTINUE);
            IngestChannel current = second.openChannel(id("T1", "ch"), OnError.CONTINUE);

            assertThatThrownBy(old::committedOffsetToken).isInstanceOf(IngestException.class)
                    .hasMessageContaining("status code 20");
            assertThat(old.isValid()).isFalse();

            current.insert(List.of(Map.of("ID", 2)), "1", "1");
            await().atMost(Duration.ofSeconds(30)).until(() -> current.committedOffsetToken().equals(Optional.of("1")));
        }
        assertThat(query("SELECT COUNT(*) FROM T1")).isEqualTo("1");
    }

    @Test
    void should_keep_channel_state_across_a_restart_of_the_warehouse() throws Exception {
        try (IngestClient client = client("c")) {
            IngestChannel channel = client.openChannel(id("T1", "ch"), OnError.CONTINUE);
            channel.insert(List.of(Map.of("ID", 1), Map.of("ID", 2)), "1", "2");
            await().atMost(Duration.ofSeconds(30)).until(() -> channel.committedOffsetToken().equals(Optional.of("2")));
        }
        warehouse.close();
        warehouse = EmbeddedWarehouse.start(dataDir, "TESTDB", "PUBLIC");
        try (IngestClient client = client("c")) {
            assertThat(client.openChannel(id("T1", "ch"), OnError.CONTINUE).committedOffsetToken()).hasValue("2");
        }
        assertThat(query("SELECT COUNT(*) FROM T1")).isEqualTo("2");
    }

    @Test
    void should_refuse_blob_paths_outside_the_stage_and_requests_that_are_not_json() throws Exception {
        Path victim = Files.writeString(dataDir.resolve("victim.txt"), "keep me");
        HttpClient http = HttpClient.newHttpClient();
        String register = "{\"blobs\":[{\"path\":\"../victim.txt\",\"chunks\":[]}]}";

        HttpResponse<String> json = http.send(post(register, "application/json"), BodyHandlers.ofString());
        HttpResponse<String> text = http.send(post(register, "text/plain"), BodyHandlers.ofString());

        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).contains("not a .bdec file under the stage");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(victim).exists().hasContent("keep me");
    }

    private HttpRequest post(String body, String contentType) {
        return HttpRequest.newBuilder(URI.create(warehouse.ingestUrl() + "/v1/streaming/channels/write/blobs/"))
                .header("Content-Type", contentType).POST(BodyPublishers.ofString(body)).build();
    }

    private IngestClient client(String name) {
        return ClassicIngestClient.connect(new IngestSettings(name, warehouse.ingestUrl(), "TEST", Optional.empty(),
                key, Optional.empty(), Map.of("max_client_lag", "1 second")));
    }

    private static ChannelId id(String table, String channel) {
        return new ChannelId("TESTDB", "PUBLIC", table, channel);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = warehouse.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The result's rows as "a|b|c" lines. */
    private String query(String duckSql) throws SQLException {
        return String.join("\n", Sql.rows(warehouse::openDuckDb, duckSql));
    }
}
