package dev.snowpipecdc.source.debezium;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import dev.snowpipecdc.change.MalformedChangeException;

/**
 * The {@code source} block of a Debezium PostgreSQL change, as the embedded engine hands it (a header) and as
 * Kafka Connect writes it (a field of the envelope): where the change is in the write-ahead log, its transaction,
 * when it committed, whether a snapshot read it.
 */
public final class SourceBlock {

    private static final Set<String> SNAPSHOT_MARKERS = Set.of("true", "first", "first_in_data_collection",
            "last_in_data_collection", "last");

    private final Map<?, ?> fields;

    public SourceBlock(Map<?, ?> fields) {
        this.fields = fields;
    }

    /** The change's own LSN. */
    public Optional<Long> lsn() {
        return number(fields, "lsn");
    }

    public OptionalLong txId() {
        return number(fields, "txId").map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** A snapshot read (not an incremental snapshot, not a streamed change). */
    public boolean snapshot() {
        return SNAPSHOT_MARKERS.contains(String.valueOf(fields.get("snapshot")));
    }

    /**
     * The commit LSN of the transaction before this change's: Debezium's {@code sequence} is
     * {@code ["<lastCommitLsn>","<lsn>"]} as JSON text, and its first entry is null until Debezium saw a commit.
     * Read by hand rather than with a JSON parser: it runs once per change on the source's thread, and its shape is
     * fixed (a list of quoted numbers or nulls).
     */
    public Optional<Long> lastCommitLsn() {
        Object sequence = fields.get("sequence");
        if (sequence == null) {
            return Optional.empty();
        }
        String text = sequence.toString();
        int at = skipSpaces(text, 0);
        if (at >= text.length() || text.charAt(at) != '[') {
            throw unreadable(text);
        }
        at = skipSpaces(text, at + 1);
        if (text.startsWith("]", at)) {
            return Optional.empty();
        }
        if (text.startsWith("null", at)) {
            return Optional.empty();
        }
        if (!text.startsWith("\"", at)) {
            throw unreadable(text);
        }
        int end = text.indexOf('"', at + 1);
        if (end < 0) {
            throw unreadable(text);
        }
        try {
            return Optional.of(Long.parseLong(text, at + 1, end, 10));
        } catch (NumberFormatException e) {
            throw new MalformedChangeException("Unreadable Debezium sequence " + text, e);
        }
    }

    private static int skipSpaces(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static MalformedChangeException unreadable(String sequence) {
        return new MalformedChangeException("Unreadable Debezium sequence " + sequence
                + " (expected [\"<last commit LSN>\",\"<LSN>\"])");
    }

    /** Source commit time, to the microsecond where Debezium gives it; empty without ts_us and ts_ms. */
    public Optional<Instant> commitTime() {
        Optional<Long> micros = number(fields, "ts_us");
        if (micros.isPresent()) {
            return Optional.of(Instant.ofEpochSecond(Math.floorDiv(micros.get(), 1_000_000L),
                    Math.floorMod(micros.get(), 1_000_000L) * 1_000L));
        }
        return number(fields, "ts_ms").map(Instant::ofEpochMilli);
    }

    /** A text field, e.g. schema or table. */
    public Optional<String> text(String field) {
        return Optional.ofNullable(fields.get(field)).map(Object::toString);
    }

    /** A whole number field of any map (Debezium's numbers come as Integer or Long, or as text in some shapes). */
    public static Optional<Long> number(Map<?, ?> map, String field) {
        Object value = map.get(field);
        if (value instanceof Number n) {
            return Optional.of(n.longValue());
        }
        if (value instanceof String text && !text.isBlank()) {
            try {
                return Optional.of(Long.parseLong(text.strip()));
            } catch (NumberFormatException e) {
                throw new MalformedChangeException("'" + field + "' is not a number: " + text);
            }
        }
        return Optional.empty();
    }
}
