package dev.snowpipecdc.source.debezium;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.change.ChangeHeaders;
import dev.snowpipecdc.change.ChangeOp;
import dev.snowpipecdc.change.MalformedChangeException;

import dev.snowpipecdc.change.RawChangeRow;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.ZonedTimestamp;
import org.apache.camel.Exchange;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parser turns what debezium-postgres delivers into change events with SQL-ready values and tokens. */
class DebeziumChangeParserTest {

    private static final String TOPIC = "snowpipe_cdc.public.orders";
    private static final long COMMIT_MICROS = 1_764_064_800_123_456L; // 2025-11-25T10:00:00.123456Z

    /** The seed's orders table as Debezium describes it (decimal.handling.mode=string, adaptive time). */
    private static final Schema ORDER = SchemaBuilder.struct().name("orders.Value")
            .field("order_id", Schema.INT32_SCHEMA)
            .field("customer_id", Schema.OPTIONAL_INT32_SCHEMA)
            .field("amount", Schema.OPTIONAL_STRING_SCHEMA)
            .field("status", Schema.OPTIONAL_STRING_SCHEMA)
            .field("created_at", MicroTimestamp.builder().optional().build())
            .field("shipped_at", ZonedTimestamp.builder().optional().build())
            .build();
    private static final Schema KEY = SchemaBuilder.struct().name("orders.Key")
            .field("order_id", Schema.INT32_SCHEMA).build();

    private final DebeziumChangeParser parser = new DebeziumChangeParser();

    @Test
    void should_parse_a_create_with_exact_decimals_and_iso_timestamps() {
        ChangeEvent event = parse("c", order(7, "12.50"), null, streaming(100, 200));

        assertThat(event.table()).isEqualTo("orders");
        assertThat(event.sourceSchema()).isEqualTo("public");
        assertThat(event.op()).isEqualTo(ChangeOp.CREATE);
        assertThat(event.before()).isEmpty();
        assertThat(event.after()).get().satisfies(after -> {
            assertThat(after).containsEntry("order_id", 7).containsEntry("customer_id", 3)
                    .containsEntry("amount", "12.50").containsEntry("status", "NEW")
                    .containsEntry("created_at", "2026-11-25T09:30:00.000001")
                    .containsEntry("shipped_at", "2026-11-25T10:00:00.120000Z");
        });
        assertThat(event.key()).containsEntry("order_id", 7);
        assertThat(event.lsn()).isEqualTo(200);
        assertThat(event.txId()).hasValue(555);
        assertThat(event.committedAt()).isEqualTo(Instant.parse("2025-11-25T10:00:00.123456Z"));
        assertThat(event.offsetToken()).isEqualTo("1-0000000000000064-00000000000000C8-00000000");
    }

    @Test
    void should_parse_an_update_with_its_before_row() {
        ChangeEvent event = parse("u", order(7, "99.99"), order(7, "12.50"), streaming(100, 300));

        assertThat(event.op()).isEqualTo(ChangeOp.UPDATE);
        assertThat(event.before()).get().satisfies(b -> assertThat(b).containsEntry("amount", "12.50"));
        assertThat(event.after()).get().satisfies(a -> assertThat(a).containsEntry("amount", "99.99"));
    }

    @Test
    void should_parse_a_delete_from_its_before_row() {
        ChangeEvent event = parse("d", null, order(7, "12.50"), streaming(100, 400));

        assertThat(event.op()).isEqualTo(ChangeOp.DELETE);
        assertThat(event.after()).isEmpty();
        assertThat(event.currentRow()).get().satisfies(row -> assertThat(row).containsEntry("order_id", 7));
    }

    @Test
    void should_give_snapshot_reads_the_snapshot_position_and_a_counter() {
        Map<String, Object> source = streaming(0, 500);
        source.put("snapshot", "true");
        source.put("sequence", "[null,\"500\"]");

        ChangeEvent first = parse("r", order(1, "1.00"), null, source);
        // read a second later: still the snapshot's state, stamped with the time the snapshot began
        source.put("ts_us", COMMIT_MICROS + 1_000_000);
        ChangeEvent second = parse("r", order(2, "2.00"), null, source);

        assertThat(first.op()).isEqualTo(ChangeOp.READ);
        assertThat(first.offsetToken()).isEqualTo("0-00000000000001F4-0000000000000000-00000000");
        assertThat(second.offsetToken()).isEqualTo("0-00000000000001F4-0000000000000000-00000001");
        assertThat(second.committedAt()).isEqualTo(first.committedAt());
    }

    @Test
    void should_place_the_first_transaction_without_commit_position_after_a_snapshot_of_an_earlier_run() {
        // a restart after the snapshot: this process saw no snapshot, and Debezium has no lastCommitLsn yet
        String committedBefore = "0-00000000000001F4-0000000000000000-00000005";
        Map<String, Object> first = streaming(0, 450);

        String token = parse("c", order(2, "2.00"), null, first).offsetToken();

        assertThat(token).isGreaterThan(committedBefore);
    }

    @Test
    void should_order_tokens_by_commit_across_snapshot_first_transaction_and_later_ones() {
        Map<String, Object> snapshot = streaming(0, 500);
        snapshot.put("snapshot", "last");
        String read = parse("r", order(1, "1.00"), null, snapshot).offsetToken();
        // the first streamed transaction after a fresh start has no lastCommitLsn; its changes may sit below the
        // snapshot LSN in the WAL
        Map<String, Object> first = streaming(0, 450);
        first.put("sequence", "[null,\"450\"]");
        String firstTx = parse("c", order(2, "2.00"), null, first).offsetToken();
        String secondTx = parse("c", order(3, "3.00"), null, streaming(900, 420)).offsetToken();

        assertThat(read).isLessThan(firstTx);
        assertThat(firstTx).isLessThan(secondTx);
    }

    @Test
    void should_break_ties_between_changes_at_the_same_position() {
        // a primary-key update arrives as a delete and a create with the same source block
        ChangeEvent delete = parse("d", null, order(7, "1.00"), streaming(100, 600));
        ChangeEvent create = parse("c", order(8, "1.00"), null, streaming(100, 600));

        assertThat(delete.offsetToken()).endsWith("-00000000");
        assertThat(create.offsetToken()).endsWith("-00000001");
    }

    @Test
    void should_give_a_change_replayed_after_a_reconnect_the_token_it_had_the_first_time() {
        String first = parse("c", order(7, "1.00"), null, streaming(0, 500)).offsetToken();
        // Debezium reconnected inside the process and replays the unconfirmed transaction, marker first
        Exchange begin = exchange("snowpipe_cdc.transaction", null, null, null, null);
        parser.process(begin);
        String replayed = parse("c", order(7, "1.00"), null, streaming(0, 500)).offsetToken();

        assertThat(begin.getMessage().getHeader(ChangeHeaders.SKIPPED)).isEqualTo("transaction-marker");
        assertThat(replayed).isEqualTo(first).endsWith("-00000000");
    }

    @Test
    void should_skip_heartbeats_and_tombstones_without_a_body() {
        Exchange heartbeat = exchange("__debezium-heartbeat.snowpipe_cdc", null, null, null, null);
        parser.process(heartbeat);
        assertThat(heartbeat.getMessage().getHeader(ChangeHeaders.SKIPPED)).isEqualTo("heartbeat");
        assertThat(heartbeat.getMessage().getBody()).isNull();

        Exchange tombstone = exchange(TOPIC, null, null, null, null);
        tombstone.getMessage().setHeader(DebeziumConstants.HEADER_KEY, new Struct(KEY).put("order_id", 7));
        parser.process(tombstone);
        assertThat(tombstone.getMessage().getHeader(ChangeHeaders.SKIPPED)).isEqualTo("tombstone");
    }

    @Test
    void should_refuse_a_change_without_source_metadata() {
        Exchange exchange = exchange(TOPIC, "c", order(1, "1.00"), null, null);
        assertThatThrownBy(() -> parser.process(exchange)).isInstanceOf(MalformedChangeException.class)
                .hasMessageContaining("No source metadata").hasMessageContaining(TOPIC);
    }

    @Test
    void should_refuse_a_message_that_is_not_a_debezium_change() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody("{\"id\": 1}");
        assertThatThrownBy(() -> parser.process(exchange)).isInstanceOf(MalformedChangeException.class)
                .hasMessage("Not a Debezium change (no operation and no source metadata; body: String) from an"
                        + " unnamed source");
    }

    @Test
    void should_refuse_an_unknown_operation() {
        Exchange exchange = exchange(TOPIC, "m", null, null, streaming(1, 2));
        assertThatThrownBy(() -> parser.process(exchange)).isInstanceOf(MalformedChangeException.class)
                .hasMessageContaining("Unknown Debezium operation 'm'");
    }

    @Test
    void should_parse_a_truncate_without_rows_or_key_in_its_place_in_commit_order() {
        ChangeEvent event = parse("t", null, null, streaming(100, 500));

        assertThat(event.op()).isEqualTo(ChangeOp.TRUNCATE);
        assertThat(event.before()).isEmpty();
        assertThat(event.after()).isEmpty();
        assertThat(event.key()).isEmpty();
        assertThat(event.offsetToken()).isEqualTo("1-0000000000000064-00000000000001F4-00000000");
        assertThat(RawChangeRow.of(event, Instant.EPOCH)).containsEntry(RawChangeRow.OPERATION, "t")
                .containsEntry(RawChangeRow.TABLE_NAME, "orders").containsEntry(RawChangeRow.SOURCE_LSN, 500L);
    }

    @Test
    void should_skip_a_truncate_with_its_reason_when_truncates_are_ignored() {
        Exchange exchange = exchange(TOPIC, "t", null, null, streaming(100, 500));
        new DebeziumChangeParser(Truncates.IGNORE).process(exchange);

        assertThat(exchange.getMessage().getHeader(ChangeHeaders.SKIPPED)).isEqualTo("truncate");
        assertThat(exchange.getMessage().getBody()).isNull();
    }

    @Test
    void should_refuse_an_unknown_truncate_setting_naming_the_valid_ones() {
        assertThat(Truncates.of(" Ignore ")).isEqualTo(Truncates.IGNORE);
        assertThatThrownBy(() -> Truncates.of("drop")).hasMessage("cdc.source.truncate = drop is not one of apply,"
                + " ignore");
    }

    @Test
    void should_normalise_precise_decimals_and_leave_out_unchanged_toast_values() {
        Schema schema = SchemaBuilder.struct()
                .field("amount", Decimal.builder(2).optional().build())
                .field("notes", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        Struct row = new Struct(schema).put("amount", new BigDecimal("1234567890.10"))
                .put("notes", DebeziumValues.UNAVAILABLE_VALUE);

        assertThat(DebeziumValues.toMap(row)).containsExactly(Map.entry("amount", "1234567890.10"));
    }

    private ChangeEvent parse(String op, Struct after, Struct before, Map<String, Object> source) {
        Exchange exchange = exchange(TOPIC, op, after, before, source);
        parser.process(exchange);
        assertThat(exchange.getMessage().getHeader(ChangeHeaders.TABLE)).isEqualTo("orders");
        return exchange.getMessage().getBody(ChangeEvent.class);
    }

    private static Exchange exchange(String topic, String op, Struct after, Struct before, Map<String, Object> source) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(DebeziumConstants.HEADER_IDENTIFIER, topic);
        exchange.getMessage().setHeader(DebeziumConstants.HEADER_OPERATION, op);
        exchange.getMessage().setHeader(DebeziumConstants.HEADER_BEFORE, before);
        exchange.getMessage().setHeader(DebeziumConstants.HEADER_SOURCE_METADATA, source);
        Struct row = after != null ? after : before;
        if (row != null) {
            exchange.getMessage().setHeader(DebeziumConstants.HEADER_KEY,
                    new Struct(KEY).put("order_id", row.getInt32("order_id")));
        }
        exchange.getMessage().setBody(after);
        return exchange;
    }

    private static Struct order(int id, String amount) {
        long createdMicros = LocalDateTime.of(2026, 11, 25, 9, 30, 0, 1_000).toEpochSecond(ZoneOffset.UTC) * 1_000_000
                + 1;
        return new Struct(ORDER).put("order_id", id).put("customer_id", 3).put("amount", amount).put("status", "NEW")
                .put("created_at", createdMicros).put("shipped_at", "2026-11-25T11:00:00.12+01:00");
    }

    /** A streamed change's source block: {@code lastCommitLsn} 0 means absent. */
    private static Map<String, Object> streaming(long lastCommitLsn, long lsn) {
        Map<String, Object> source = new HashMap<>();
        source.put("schema", "public");
        source.put("table", "orders");
        source.put("lsn", lsn);
        source.put("txId", 555L);
        source.put("ts_us", COMMIT_MICROS);
        source.put("ts_ms", COMMIT_MICROS / 1000);
        source.put("snapshot", "false");
        source.put("sequence", "[" + (lastCommitLsn == 0 ? "null" : "\"" + lastCommitLsn + "\"") + ",\"" + lsn + "\"]");
        return source;
    }
}
