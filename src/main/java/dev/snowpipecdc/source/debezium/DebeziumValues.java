package dev.snowpipecdc.source.debezium;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.snowpipecdc.change.Timestamps;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns Debezium's Kafka Connect values into values that survive the trip to a VARIANT column unchanged:
 * timestamps as ISO-8601 strings with microseconds (UTC with 'Z' where the source type has a zone, no offset where
 * it has none), dates and times as ISO strings, decimals as exact plain strings, JSON columns as nested maps and
 * lists, bytes as base64. Debezium's placeholder for an unchanged TOASTed value is left out of the row: it is not
 * the column's value.
 */
public final class DebeziumValues {

    /** Debezium's default {@code unavailable.value.placeholder}. */
    public static final String UNAVAILABLE_VALUE = "__debezium_unavailable_value";

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
    // exact numbers inside JSON columns too
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private DebeziumValues() {
    }

    /** The struct's fields as an ordered map of normalised values; null when the struct is null. */
    public static Map<String, Object> toMap(Struct struct) {
        if (struct == null) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field field : struct.schema().fields()) {
            Object value = struct.get(field);
            if (UNAVAILABLE_VALUE.equals(value)) {
                continue;
            }
            row.put(field.name(), normalise(field.schema(), value));
        }
        return row;
    }

    /** One value by its Kafka Connect schema (the logical type names Debezium gives it). */
    public static Object normalise(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case "io.debezium.time.MicroTimestamp":
                    return localTimestamp(((Number) value).longValue(), 1_000);
                case "io.debezium.time.Timestamp":
                    return localTimestamp(((Number) value).longValue(), 1_000_000);
                case "io.debezium.time.NanoTimestamp":
                    return Timestamps.local(LocalDateTime.ofEpochSecond(
                            Math.floorDiv(((Number) value).longValue(), 1_000_000_000L),
                            (int) Math.floorMod(((Number) value).longValue(), 1_000_000_000L), ZoneOffset.UTC));
                case "io.debezium.time.ZonedTimestamp":
                    return Timestamps.utc(OffsetDateTime.parse((String) value).toInstant());
                case "io.debezium.time.Date":
                    return LocalDate.ofEpochDay(((Number) value).longValue()).toString();
                case "io.debezium.time.MicroTime":
                    return LOCAL_TIME.format(LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000));
                case "io.debezium.time.Time":
                    return LOCAL_TIME.format(LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000));
                case "io.debezium.time.NanoTime":
                    return LOCAL_TIME.format(LocalTime.ofNanoOfDay(((Number) value).longValue()));
                case "io.debezium.time.ZonedTime":
                    return OffsetTime.parse((String) value).withOffsetSameInstant(ZoneOffset.UTC).toString();
                case "org.apache.kafka.connect.data.Timestamp":
                    return Timestamps.utc(((java.util.Date) value).toInstant());
                case "org.apache.kafka.connect.data.Date":
                    return ((java.util.Date) value).toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
                case "org.apache.kafka.connect.data.Decimal":
                    return ((BigDecimal) value).toPlainString();
                case "io.debezium.data.VariableScaleDecimal":
                    Struct vsd = (Struct) value;
                    return new BigDecimal(new BigInteger(vsd.getBytes("value")), vsd.getInt32("scale")).toPlainString();
                case "io.debezium.data.Json":
                    return parseJson((String) value);
                default:
                    break;
            }
        }
        return switch (schema.type()) {
            case STRUCT -> toMap((Struct) value);
            case ARRAY -> normaliseList(schema.valueSchema(), (Collection<?>) value);
            case MAP -> normaliseMap(schema.valueSchema(), (Map<?, ?>) value);
            case BYTES -> Base64.getEncoder().encodeToString(value instanceof ByteBuffer buffer
                    ? bytes(buffer) : (byte[]) value);
            default -> value;
        };
    }

    /** Microseconds (or another unit) since the epoch of a zone-less timestamp, read as wall-clock time. */
    private static String localTimestamp(long units, long nanosPerUnit) {
        long unitsPerSecond = 1_000_000_000L / nanosPerUnit;
        long seconds = Math.floorDiv(units, unitsPerSecond);
        int nanos = (int) (Math.floorMod(units, unitsPerSecond) * nanosPerUnit);
        return Timestamps.local(LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC));
    }

    private static List<Object> normaliseList(Schema elementSchema, Collection<?> values) {
        List<Object> list = new ArrayList<>(values.size());
        values.forEach(v -> list.add(normalise(elementSchema, v)));
        return list;
    }

    private static Map<String, Object> normaliseMap(Schema valueSchema, Map<?, ?> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(String.valueOf(k), normalise(valueSchema, v)));
        return map;
    }

    private static Object parseJson(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            // PostgreSQL validated it; if it does not parse here, keep the text rather than lose it
            return text;
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
