package dev.snowpipecdc.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.change.ChangeHeaders;
import dev.snowpipecdc.change.ChangeParser;
import dev.snowpipecdc.change.Timestamps;
import dev.snowpipecdc.change.RawChangeRow;
import dev.snowpipecdc.component.RowSizes;
import dev.snowpipecdc.component.SnowpipeStreamingConstants;
import dev.snowpipecdc.ingest.RejectedRow;
import dev.snowpipecdc.monitoring.Meters;
import dev.snowpipecdc.routes.Endpoints;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns what reached the dead-letter destination into {@code DEAD_LETTERS} rows (sql/V001__landing.sql): a
 * change of an unknown table or one a table route could not handle, a source message that is not a change, the
 * rows of a batch, or rows the warehouse refused (a {@code List<RejectedRow>}). Each row has the reason, the
 * source position when known and the payload as it was (cut to a summary when it is too large to land); each is
 * counted by reason ({@link Meters#DEAD_LETTERS}).
 *
 * <p>It also picks the channel: dead letters a replay makes again travel on a channel of their own with their
 * places in the source, so that a replay after a restart does not dead-letter them twice. Changes of a table
 * without a route go on {@code <TABLE>}, rows the warehouse refused on {@code <CHANNEL>_ROWS} (the channel they
 * were sent on: the table's, by default), each with its offset token; each path keeps source order, so tokens grow
 * on each channel. A source with channels of its own (one per Kafka partition: {@link ChangeHeaders#CHANNEL})
 * puts a change it could not route, or a message it could not parse, on that channel's name with the message's
 * place there, since changes of one table from several partitions do not come in token order. Anything else goes
 * on {@link #UNPLACED} without tokens.
 */
public final class DeadLetterRows implements Processor {

    /** Header: the dead-letter channel chosen for the exchange's rows. */
    public static final String CHANNEL = "CdcDeadLetterChannel";
    /** Channel of dead letters without a (usable) table name or source position. */
    public static final String UNPLACED = "UNPLACED";
    /** What a replay of a source with channels of its own dead-letters again, at the same place. */
    private static final Set<String> SOURCE_PLACED_REASONS = Set.of(DeadLetters.UNKNOWN_TABLE,
            DeadLetters.MALFORMED);
    private static final AtomicLong UNPLACED_SEQUENCE = new AtomicLong();
    /** Payloads larger than this (estimated) are kept as a summary: the row must stay small enough to land. */
    static final int MAX_PAYLOAD_CHARS = 1_000_000;

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,200}");

    private final MeterRegistry registry;

    public DeadLetterRows(MeterRegistry registry) {
        this.registry = registry;
        // at 0 from the start, so that rate() and increase() see the first dead letter of a reason
        for (String reason : List.of(DeadLetters.UNKNOWN_TABLE, DeadLetters.MALFORMED, DeadLetters.REJECTED_ROW,
                DeadLetters.LOOKUP_FAILED, DeadLetters.FAILED)) {
            registry.counter(Meters.DEAD_LETTERS, Meters.REASON, reason);
        }
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<?> items = DeadLetters.items(in.getBody());
        List<?> sourceTokens = in.getHeader(SnowpipeStreamingConstants.ROW_OFFSET_TOKENS, List.class);
        String channel = null;
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            Map<String, Object> row = row(exchange, item);
            rows.add(row);
            Placed placed = place(in, item, row, sourceTokens == null || i >= sourceTokens.size() ? null
                    : sourceTokens.get(i));
            tokens.add(placed.token());
            channel = channel == null || channel.equals(placed.channel()) ? placed.channel() : UNPLACED;
        }
        channel = channel == null ? UNPLACED : channel;
        in.setHeader(CHANNEL, channel);
        boolean placed = !UNPLACED.equals(channel);
        in.setHeader(SnowpipeStreamingConstants.OFFSET_TOKEN, placed ? tokens.get(tokens.size() - 1)
                : unplacedToken());
        if (placed) {
            in.setHeader(SnowpipeStreamingConstants.ROW_OFFSET_TOKENS, tokens);
        } else {
            in.removeHeader(SnowpipeStreamingConstants.ROW_OFFSET_TOKENS);
        }
        in.setBody(rows);
    }

    private Map<String, Object> row(Exchange exchange, Object item) {
        Message in = exchange.getMessage();
        boolean refused = item instanceof RejectedRow;
        String reason = refused ? DeadLetters.REJECTED_ROW
                : in.getHeader(DeadLetters.REASON, DeadLetters.FAILED, String.class);
        Map<String, Object> payload = payload(in, refused ? ((RejectedRow) item).row() : item);

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("REASON", reason);
        row.put("DETAIL", refused ? ((RejectedRow) item).code() + ": " + ((RejectedRow) item).message()
                : detail(exchange));
        row.put("SOURCE_TABLE", firstNonNull(payload.get(RawChangeRow.TABLE_NAME), in.getHeader(ChangeHeaders.TABLE),
                payload.get(ChangeParser.TOPIC)));
        row.put("OFFSET_TOKEN", payload.get(RawChangeRow.OFFSET_TOKEN));
        row.put("ROW_INDEX", refused ? ((RejectedRow) item).index() : null);
        row.put("PAYLOAD", small(payload));
        row.put("DEAD_LETTERED_AT", Timestamps.utc(Instant.now()));
        registry.counter(Meters.DEAD_LETTERS, Meters.REASON, reason).increment();
        return row;
    }

    /**
     * A token for a batch of the UNPLACED channel, growing within the process and (by the clock) across restarts:
     * without one the sink could not tell when the batch is committed, and the source position could move past
     * a dead letter still in the SDK's buffer. It deduplicates nothing: a replay records such dead letters again.
     */
    private static String unplacedToken() {
        long micros = UNPLACED_SEQUENCE.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() * 1000));
        return String.format(Locale.ROOT, "U-%016d", micros);
    }

    /** A dead letter's channel and its place there. */
    private record Placed(String channel, String token) {
        static final Placed NOWHERE = new Placed(UNPLACED, null);
    }

    /** The channel for an item: by the path it took and where it was in the source, or UNPLACED. */
    private static Placed place(Message in, Object item, Map<String, Object> row, Object sourceToken) {
        String reason = String.valueOf(row.get("REASON"));
        if (item instanceof RejectedRow) {
            String sentOn = in.getHeader(SnowpipeStreamingConstants.CHANNEL_NAME, String.class);
            Object token = sourceToken != null ? sourceToken : row.get("OFFSET_TOKEN");
            return placed(sentOn != null ? sentOn : row.get("SOURCE_TABLE"), "_ROWS", token);
        }
        String sourceChannel = in.getHeader(ChangeHeaders.CHANNEL, String.class);
        String channelToken = in.getHeader(ChangeHeaders.CHANNEL_TOKEN, String.class);
        // deduplicating by token is only right for dead letters a replay makes again: a lookup that failed may
        // succeed on replay, and a token channel would then drop later dead letters at or below its token
        if (sourceChannel != null && channelToken != null && SOURCE_PLACED_REASONS.contains(reason)) {
            return placed(sourceChannel, "", channelToken);
        }
        if (item instanceof ChangeEvent && DeadLetters.UNKNOWN_TABLE.equals(reason)) {
            return placed(row.get("SOURCE_TABLE"), "", row.get("OFFSET_TOKEN"));
        }
        return Placed.NOWHERE;
    }

    private static Placed placed(Object name, String suffix, Object token) {
        if (name == null || token == null || !TABLE_NAME.matcher(name.toString()).matches()) {
            return Placed.NOWHERE;
        }
        return new Placed(name.toString().toUpperCase(Locale.ROOT) + suffix, token.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Message in, Object item) {
        if (item instanceof ChangeEvent event) {
            return RawChangeRow.of(event, Instant.now());
        }
        if (item instanceof Exchange grouped) {
            return payload(in, grouped.getMessage().getBody());
        }
        if (item instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        Optional<ChangeParser> parser = item == in.getBody() ? parser(in) : Optional.empty();
        return parser.map(p -> p.describe(in)).orElseGet(() -> {
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("body", item == null ? null : item.toString());
            return raw;
        });
    }

    /** The source's parser, which describes its messages. */
    private static Optional<ChangeParser> parser(Message in) {
        return Optional.ofNullable(in.getExchange().getContext().getRegistry()
                .lookupByNameAndType(Endpoints.CHANGE_PARSER, ChangeParser.class));
    }

    /** The payload, or a summary of it when it is too large to land (a row over the warehouse's size limit). */
    private static Map<String, Object> small(Map<String, Object> payload) {
        long size = RowSizes.estimate(payload);
        if (size <= MAX_PAYLOAD_CHARS) {
            return payload;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("truncated", true);
        summary.put("estimated_chars", size);
        for (String key : List.of(RawChangeRow.OPERATION, RawChangeRow.TABLE_NAME, RawChangeRow.SOURCE_SCHEMA,
                RawChangeRow.PRIMARY_KEY, RawChangeRow.OFFSET_TOKEN, RawChangeRow.SOURCE_LSN, RawChangeRow.TX_ID)) {
            if (payload.containsKey(key) && RowSizes.estimate(payload.get(key)) < 10_000) {
                summary.put(key, payload.get(key));
            }
        }
        return summary;
    }

    private static String detail(Exchange exchange) {
        Message in = exchange.getMessage();
        String detail = in.getHeader(DeadLetters.DETAIL, String.class);
        if (detail != null) {
            return detail;
        }
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        // DETAIL is NOT NULL: an exception without a message is named by its class
        return caught == null ? "(no detail)" : caught.getMessage() != null ? caught.getMessage()
                : caught.getClass().getName();
    }

    private static Object firstNonNull(Object... values) {
        for (Object value : values) {
            if (value != null) {
                return value.toString();
            }
        }
        return null;
    }
}
