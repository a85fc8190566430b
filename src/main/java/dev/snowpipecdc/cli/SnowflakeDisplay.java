package dev.snowpipecdc.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * Values as Snowflake's clients print them with the session's output formats (by default a TIMESTAMP_NTZ as
 * {@code 2024-04-05 01:02:03.000}, a TIMESTAMP_LTZ or _TZ with its offset in the session's time zone
 * ({@code 2024-04-05 01:02:03.000 -0700}), a TIME as {@code 01:02:03}); the rest as the driver gives them.
 */
public final class SnowflakeDisplay {

    private static final String DEFAULT_TIMESTAMP = "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM";

    private final ZoneId session;
    private final DateTimeFormatter ntz;
    private final DateTimeFormatter tz;
    private final DateTimeFormatter time;

    private SnowflakeDisplay(ZoneId session, Map<String, String> formats) {
        this.session = session;
        String timestamp = formats.getOrDefault("TIMESTAMP_OUTPUT_FORMAT", DEFAULT_TIMESTAMP);
        this.ntz = OutputFormats.formatter(or(formats.get("TIMESTAMP_NTZ_OUTPUT_FORMAT"), timestamp), false);
        // TIMESTAMP_LTZ's format is used for TIMESTAMP_TZ values too: the driver gives both alike
        this.tz = OutputFormats.formatter(or(formats.get("TIMESTAMP_LTZ_OUTPUT_FORMAT"), timestamp), true);
        this.time = OutputFormats.formatter(or(formats.get("TIME_OUTPUT_FORMAT"), "HH24:MI:SS"), false);
    }

    private static String or(String format, String fallback) {
        return format == null || format.isBlank() ? fallback : format;
    }

    /**
     * For a connection: its session's time zone (the TIMEZONE parameter) and output formats
     * (TIMESTAMP_OUTPUT_FORMAT, TIMESTAMP_NTZ/LTZ_OUTPUT_FORMAT, TIME_OUTPUT_FORMAT), read once.
     */
    public static SnowflakeDisplay of(Connection connection) {
        ZoneId zone = ZoneId.of("UTC");
        Map<String, String> formats = new HashMap<>();
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT current_setting('TimeZone')")) {
                zone = rs.next() ? ZoneId.of(rs.getString(1)) : zone;
            }
            try (ResultSet rs = st.executeQuery("SHOW PARAMETERS LIKE '%OUTPUT_FORMAT' IN SESSION")) {
                while (rs.next()) {
                    formats.put(rs.getString("key"), rs.getString("value"));
                }
            }
        } catch (SQLException | RuntimeException e) {
            // not the embedded warehouse, or an older one: the defaults
        }
        return new SnowflakeDisplay(zone, formats);
    }

    /** The value as text, null for SQL NULL. */
    public String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return ntz.format(timestamp.toLocalDateTime());
        }
        if (value instanceof LocalDateTime local) {
            return ntz.format(local);
        }
        if (value instanceof OffsetDateTime instant) {
            return tz.format(instant.atZoneSameInstant(session));
        }
        if (value instanceof ZonedDateTime zoned) {
            return tz.format(zoned.withZoneSameInstant(session));
        }
        if (value instanceof Time t) {
            return time.format(t.toLocalTime());
        }
        if (value instanceof LocalTime t) {
            return time.format(t);
        }
        return value.toString();
    }
}
