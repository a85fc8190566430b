package dev.snowpipecdc.emulator;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.snowflake.ingest.streaming.ChannelStatus;
import com.snowflake.ingest.streaming.SFException;
import com.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import com.snowflake.ingest.streaming.SnowflakeStreamingIngestClient;
import com.snowflake.ingest.streaming.SnowflakeStreamingIngestClientFactory;
import dev.snowpipecdc.ingest.PrivateKeys;
import dev.snowpipecdc.support.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The unmodified high-performance SDK ({@code com.snowflake:snowpipe-streaming}) against the embedded warehouse:
 * a table's default pipe, appends with offset tokens, the committed token and counts read back, server-side
 * validation, a reopen that makes the previous owner stale, and a drop.
 */
class HighPerformanceIngestEmulatorTest {

    @TempDir
    Path dataDir;
    private EmbeddedWarehouse warehouse;
    private final String key = PrivateKeys.generate();

    @BeforeEach
    void start() throws SQLException {
        warehouse = EmbeddedWarehouse.start(dataDir, "TESTDB", "PUBLIC");
        execute("CREATE TABLE T1 (ID NUMBER(10,0) NOT NULL, NAME VARCHAR(20), DOC VARIANT,"
                + " TS TIMESTAMP_LTZ, LOCAL_AT TIMESTAMP_NTZ, AMOUNT NUMBER(10,2), OK BOOLEAN, RATIO FLOAT, DAY DATE)");
    }

    @AfterEach
    void stop() {
        warehouse.close();
    }

    @Test
    void should_load_appended_rows_through_the_default_pipe_and_commit_their_offset_token() throws Exception {
        try (SnowflakeStreamingIngestClient client = client("T1-STREAMING")) {
            SnowflakeStreamingIngestChannel channel = client.openChannel("CH1").getChannel();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", 1);
            row.put("NAME", "one");
            row.put("DOC", Map.of("a", List.of(1, 2)));
            row.put("TS", "2026-01-02T03:04:05.123456Z");
            row.put("LOCAL_AT", "2026-01-02T03:04:05.5");
            row.put("AMOUNT", "12.34");
            row.put("OK", true);
            row.put("RATIO", 0.25);
            row.put("DAY", "2026-01-02");
            channel.appendRow(row, "7");
            channel.appendRows(List.of(Map.of("ID", 2, "NAME", "two"), Map.of("ID", 3, "NAME", "three")), "8", "9");

            await().atMost(Duration.ofSeconds(30)).until(() -> "9".equals(channel.getLatestCommittedOffsetToken()));
            ChannelStatus status = channel.getChannelStatus();
            assertThat(status.getStatusCode()).isEqualTo("SUCCESS");
            assertThat(status.getRowsInsertedCount()).isEqualTo(3);
            assertThat(status.getRowsErrorCount()).isZero();
        }
        assertThat(rows("SELECT ID, NAME, DOC->>'$.a[1]', strftime(TS AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%f'),"
                + " LOCAL_AT, AMOUNT, OK, RATIO, DAY FROM TESTDB.PUBLIC.T1 ORDER BY ID"))
                .containsExactly("1|one|2|2026-01-02 03:04:05.123456|2026-01-02 03:04:05.5|12.34|true|0.25|2026-01-02",
                        "2|two|null|null|null|null|null|null|null", "3|three|null|null|null|null|null|null|null");
    }

    @Test
    void should_count_rows_that_do_not_fit_the_table_as_errors_in_the_channel_status_and_load_the_others()
            throws Exception {
        try (SnowflakeStreamingIngestClient client = client("T1-STREAMING")) {
            SnowflakeStreamingIngestChannel channel = client.openChannel("CH1").getChannel();
            channel.appendRows(List.of(Map.of("ID", 1, "AMOUNT", "not a number"), Map.of("NAME", "no id"),
                    Map.of("ID", 3)), "1", "3");

            await().atMost(Duration.ofSeconds(30)).until(() -> "3".equals(channel.getLatestCommittedOffsetToken()));
            ChannelStatus status = channel.getChannelStatus();
            assertThat(status.getRowsInsertedCount()).isEqualTo(1);
            assertThat(status.getRowsErrorCount()).isEqualTo(2);
            assertThat(status.getLastErrorOffsetTokenUpperBound()).isEqualTo("3");
            assertThat(status.getLastErrorMessage()).contains("AMOUNT").contains("not a number");
        }
        assertThat(rows("SELECT ID FROM TESTDB.PUBLIC.T1")).containsExactly("3");
    }

    @Test
    void should_keep_the_committed_token_across_a_restart_and_drop_the_channel() throws Exception {
        try (SnowflakeStreamingIngestClient client = client("T1-STREAMING")) {
            SnowflakeStreamingIngestChannel channel = client.openChannel("CH1").getChannel();
            channel.appendRow(Map.of("ID", 1), "41");
            await().atMost(Duration.ofSeconds(30)).until(() -> "41".equals(channel.getLatestCommittedOffsetToken()));
        }
        warehouse.close();
        warehouse = EmbeddedWarehouse.start(dataDir, "TESTDB", "PUBLIC");
        try (SnowflakeStreamingIngestClient client = client("T1-STREAMING")) {
            SnowflakeStreamingIngestChannel channel = client.openChannel("CH1").getChannel();
            assertThat(channel.getLatestCommittedOffsetToken()).isEqualTo("41");
            channel.close();
            client.dropChannel("CH1");
            // the SDK answers for a channel Snowflake no longer lists (once its status cache is refreshed)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.getChannelStatus(
                    List.of("CH1")).getChannelStatusBatch().get("CH1").getStatusCode())
                    .isEqualTo("ERR_CHANNEL_DOES_NOT_EXIST_OR_NOT_AUTHORIZED"));
        }
        assertThat(rows("SELECT COUNT(*) FROM TESTDB.PUBLIC.T1")).containsExactly("1");
    }

    @Test
    void should_make_the_previous_owner_stale_when_a_channel_is_reopened() throws Exception {
        try (SnowflakeStreamingIngestClient first = client("T1-STREAMING");
             SnowflakeStreamingIngestClient second = client("T1-STREAMING")) {
            SnowflakeStreamingIngestChannel old = first.openChannel("CH1").getChannel();
            old.appendRow(Map.of("ID", 1), "1");
            await().atMost(Duration.ofSeconds(30)).until(() -> "1".equals(old.getLatestCommittedOffsetToken()));

            SnowflakeStreamingIngestChannel current = second.openChannel("CH1").getChannel();
            // the old owner's append is sent in the background: Snowflake refuses it (a stale continuation token),
            // and the SDK then holds the channel invalid
            old.appendRow(Map.of("ID", 2), "2");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThatThrownBy(old::getLatestCommittedOffsetToken).isInstanceOf(SFException.class)
                            .satisfies(e -> assertThat(((SFException) e).getErrorCodeName())
                                    .isEqualTo("InvalidChannelError"))
                            .hasMessageContaining("STALE_CONTINUATION_TOKEN_SEQUENCER"));
            current.appendRow(Map.of("ID", 3), "3");
            await().atMost(Duration.ofSeconds(30)).until(() -> "3".equals(current.getLatestCommittedOffsetToken()));
        }
        assertThat(rows("SELECT ID FROM TESTDB.PUBLIC.T1 ORDER BY ID")).containsExactly("1", "3");
    }

    private void execute(String snowflakeSql) throws SQLException {
        try (Connection c = warehouse.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(snowflakeSql);
        }
    }

    private List<String> rows(String duckDbSql) throws SQLException {
        return Sql.rows(warehouse::openDuckDb, duckDbSql);
    }

    private SnowflakeStreamingIngestClient client(String pipe) {
        Properties props = new Properties();
        props.put("account", "EMBEDDED");
        props.put("user", "TEST_USER");
        props.put("url", warehouse.ingestUrl());
        props.put("private_key", key);
        props.put("role", "TEST_ROLE");
        props.put("ignore_switch_to_file_mode", "true");
        props.put("enable_telemetry_reporting", "false");
        return SnowflakeStreamingIngestClientFactory.builder("test-" + System.nanoTime(), "TESTDB", "PUBLIC", pipe)
                .setProperties(props).build();
    }
}
