package dev.snowpipecdc.deadletter;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.change.ChangeHeaders;
import dev.snowpipecdc.change.DebeziumValues;
import dev.snowpipecdc.change.RawChangeRow;
import dev.snowpipecdc.component.SnowpipeStreamingConstants;
import dev.snowpipecdc.monitoring.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns whatever reached the dead-letter destination (a change for an unknown table, a malformed source message,
 * a row the warehouse refused) into a {@code DEAD_LETTERS} row (sql/V001__landing.sql) with the reason, the
 * source position when known, and the payload as it was; counts it by reason ({@link Meters#DEAD_LETTERS}).
 */
public final class DeadLetterRow implements Processor {

    private final MeterRegistry registry;

    public DeadLetterRow(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        boolean rejectedRow = in.getHeader(SnowpipeStreamingConstants.REJECTED_REASON) != null;
        String reason = in.getHeader(DeadLetters.REASON, rejectedRow ? DeadLetters.REJECTED_ROW : DeadLetters.FAILED,
                String.class);
        Map<String, Object> payload = payload(in);

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("REASON", reason);
        row.put("DETAIL", detail(exchange, rejectedRow));
        row.put("SOURCE_TABLE", firstNonNull(payload.get(RawChangeRow.TABLE_NAME), in.getHeader(ChangeHeaders.TABLE),
                in.getHeader(DebeziumConstants.HEADER_IDENTIFIER)));
        row.put("OFFSET_TOKEN", payload.get(RawChangeRow.OFFSET_TOKEN));
        row.put("ROW_INDEX", in.getHeader(SnowpipeStreamingConstants.REJECTED_ROW_INDEX));
        row.put("PAYLOAD", payload);
        row.put("DEAD_LETTERED_AT", DebeziumValues.utcTimestamp(Instant.now()));
        in.setBody(row);
        registry.counter(Meters.DEAD_LETTERS, Meters.REASON, reason).increment();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Message in) {
        Object body = in.getBody();
        if (body instanceof ChangeEvent event) {
            return RawChangeRow.of(event, Instant.now());
        }
        if (body instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("topic", in.getHeader(DebeziumConstants.HEADER_IDENTIFIER));
        raw.put("operation", in.getHeader(DebeziumConstants.HEADER_OPERATION));
        raw.put("source", in.getHeader(DebeziumConstants.HEADER_SOURCE_METADATA));
        raw.put("body", body instanceof Struct struct ? DebeziumValues.toMap(struct) : body == null ? null
                : body.toString());
        return raw;
    }

    private static String detail(Exchange exchange, boolean rejectedRow) {
        Message in = exchange.getMessage();
        if (rejectedRow) {
            return in.getHeader(SnowpipeStreamingConstants.REJECTED_CODE) + ": "
                    + in.getHeader(SnowpipeStreamingConstants.REJECTED_REASON);
        }
        String detail = in.getHeader(DeadLetters.DETAIL, String.class);
        if (detail != null) {
            return detail;
        }
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        return caught == null ? "(no detail)" : caught.getMessage();
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
