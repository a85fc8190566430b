package dev.snowpipecdc.change;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as this project writes them into VARIANT and text columns, whatever the source: ISO-8601 with
 * microseconds, UTC with 'Z' where the value has a zone, no offset where it has none. The warehouse SQL casts these
 * strings, so every source must write them the same way.
 */
public final class Timestamps {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private Timestamps() {
    }

    /** A zone-less timestamp: ISO-8601 with microseconds, no offset. */
    public static String local(LocalDateTime timestamp) {
        return LOCAL.format(timestamp);
    }

    /** An instant in UTC: ISO-8601 with microseconds and 'Z'. */
    public static String utc(Instant instant) {
        return UTC.format(instant.atOffset(ZoneOffset.UTC));
    }
}
