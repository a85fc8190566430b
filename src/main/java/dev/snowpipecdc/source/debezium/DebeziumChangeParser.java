package dev.snowpipecdc.source.debezium;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.change.ChangeHeaders;
import dev.snowpipecdc.change.ChangeOp;
import dev.snowpipecdc.change.ChangeParser;
import dev.snowpipecdc.change.MalformedChangeException;
import dev.snowpipecdc.change.OffsetTokens;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.kafka.connect.data.Struct;

/**
 * Parses what {@code debezium-postgres:} delivers (the after-row {@link Struct} as body, the rest in headers)
 * into a {@link ChangeEvent} body with the {@link ChangeHeaders#TABLE} header. Messages without a row change
 * (heartbeats, tombstones, transaction markers) get the {@link ChangeHeaders#SKIPPED} header with the reason
 * instead, and no body. Holds the per-table offset token state, so there is one parser per source.
 */
public final class DebeziumChangeParser implements ChangeParser {

    public static final String SKIP_HEARTBEAT = "heartbeat";
    public static final String SKIP_TOMBSTONE = "tombstone";
    public static final String SKIP_TRANSACTION_MARKER = "transaction-marker";
    /** A TRUNCATE while {@code cdc.source.truncate = ignore}. */
    public static final String SKIP_TRUNCATE = "truncate";

    private static final String HEARTBEAT_TOPIC_PREFIX = "__debezium-heartbeat";

    /** When each snapshot (by its LSN) was first seen: one entry per snapshot this process reads. */
    private final Map<Long, Instant> snapshotStarts = new ConcurrentHashMap<>();
    private final OffsetTokens tokens = new OffsetTokens();
    private final Truncates truncates;

    public DebeziumChangeParser() {
        this(Truncates.APPLY);
    }

    /** @param truncates what a captured TRUNCATE does ({@code cdc.source.truncate}) */
    public DebeziumChangeParser(Truncates truncates) {
        this.truncates = truncates;
    }

    /** The topic, operation and source block (camel-debezium's headers) and the body's fields. */
    @Override
    public Map<String, Object> describe(Message message) {
        Object body = message.getBody();
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put(TOPIC, message.getHeader(DebeziumConstants.HEADER_IDENTIFIER));
        raw.put("operation", message.getHeader(DebeziumConstants.HEADER_OPERATION));
        raw.put("source", message.getHeader(DebeziumConstants.HEADER_SOURCE_METADATA));
        raw.put("body", body instanceof Struct struct ? DebeziumValues.toMap(struct) : body == null ? null
                : body.toString());
        return raw;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String topic = in.getHeader(DebeziumConstants.HEADER_IDENTIFIER, "", String.class);
        String opCode = in.getHeader(DebeziumConstants.HEADER_OPERATION, String.class);
        Optional<String> skip = skipReason(topic, opCode, in);
        if (skip.isPresent()) {
            if (skip.get().equals(SKIP_TRANSACTION_MARKER)) {
                tokens.transactionBoundary();
            }
            in.setHeader(ChangeHeaders.SKIPPED, skip.get());
            in.setBody(null);
            return;
        }
        ChangeEvent event = parse(topic, opCode, in);
        if (event.op() == ChangeOp.TRUNCATE && !truncates.logAndKeep(event)) {
            in.setHeader(ChangeHeaders.SKIPPED, SKIP_TRUNCATE);
            in.setBody(null);
            return;
        }
        in.setHeader(ChangeHeaders.TABLE, event.table());
        in.setBody(event);
    }

    private static Optional<String> skipReason(String topic, String opCode, Message in) {
        if (topic.startsWith(HEARTBEAT_TOPIC_PREFIX)) {
            return Optional.of(SKIP_HEARTBEAT);
        }
        if (opCode == null && topic.endsWith(".transaction")) {
            return Optional.of(SKIP_TRANSACTION_MARKER);
        }
        if (opCode == null && in.getBody() == null && in.getHeader(DebeziumConstants.HEADER_SOURCE_METADATA) == null) {
            return Optional.of(SKIP_TOMBSTONE);
        }
        return Optional.empty();
    }

    private ChangeEvent parse(String topic, String opCode, Message in) {
        if (opCode == null && in.getHeader(DebeziumConstants.HEADER_SOURCE_METADATA) == null) {
            Object body = in.getBody();
            throw new MalformedChangeException("Not a Debezium change (no operation and no source metadata; body: "
                    + (body == null ? "none" : body.getClass().getSimpleName()) + ") from "
                    + (topic.isEmpty() ? "an unnamed source" : topic));
        }
        ChangeOp op = ChangeOp.fromCode(opCode == null ? "" : opCode).orElseThrow(() ->
                new MalformedChangeException("Unknown Debezium operation '" + opCode + "' on " + topic));
        Map<?, ?> source = in.getHeader(DebeziumConstants.HEADER_SOURCE_METADATA, Map.class);
        if (source == null) {
            throw new MalformedChangeException("No source metadata on the " + op + " change from " + topic);
        }
        String table = required(source, "table", topic);
        String schema = required(source, "schema", topic);
        SourceBlock block = new SourceBlock(source);
        long lsn = block.lsn().orElseThrow(() ->
                new MalformedChangeException("No LSN on the " + op + " change of " + schema + "." + table
                        + " (incremental snapshots are not supported yet)"));
        boolean snapshot = block.snapshot();
        String token = snapshot ? tokens.snapshotRead(table, lsn)
                : tokens.streamed(table, block.lastCommitLsn(), lsn);

        Map<String, Object> before = struct(in.getHeader(DebeziumConstants.HEADER_BEFORE), "before", topic);
        Map<String, Object> after = struct(in.getBody(), "after", topic);
        Map<String, Object> key = struct(in.getHeader(DebeziumConstants.HEADER_KEY), "key", topic);
        if (op != ChangeOp.TRUNCATE && (op == ChangeOp.DELETE ? before == null && key == null : after == null)) {
            throw new MalformedChangeException("The " + op + " change of " + schema + "." + table + " at LSN " + lsn
                    + " has no " + (op == ChangeOp.DELETE ? "before row or key" : "after row"));
        }
        OptionalLong txId = block.txId();
        // a snapshot read is stamped with the time it was read; the rows of one snapshot all show the state at
        // its start, so they all get the time the first of them was read
        Instant committedAt = snapshot ? snapshotStarts.computeIfAbsent(lsn, l -> commitTime(block))
                : commitTime(block);
        return new ChangeEvent(schema, table, op, Optional.ofNullable(before), Optional.ofNullable(after),
                key == null ? Map.of() : key, committedAt, lsn, txId, token, Map.of());
    }

    private static Map<String, Object> struct(Object value, String what, String topic) {
        if (value == null) {
            return null;
        }
        if (value instanceof Struct struct) {
            return DebeziumValues.toMap(struct);
        }
        throw new MalformedChangeException("Expected a Debezium Struct as the " + what + " of a change from " + topic
                + " but got " + value.getClass().getName());
    }

    private static Instant commitTime(SourceBlock source) {
        return source.commitTime().orElse(Instant.EPOCH);
    }

    private static String required(Map<?, ?> source, String field, String topic) {
        Object value = source.get(field);
        if (value == null) {
            throw new MalformedChangeException("No '" + field + "' in the source metadata of a change from " + topic);
        }
        return value.toString();
    }
}
