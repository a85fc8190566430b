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
import java.util.Locale;

/**
 * Values as Snowflake's clients print them with the default output formats: a TIMESTAMP_NTZ as
 * {@code 2024-04-05 01:02:03.000}, a TIMESTAMP_LTZ or _TZ with its offset in the session's time zone
 * ({@code 2024-04-05 01:02:03.000 -0700}), a TIME as {@code 01:02:03}; the rest as the driver gives them.
 */
public final class SnowflakeDisplay {

    private static final DateTimeFormatter NTZ = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter TZ = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS Z", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final ZoneId session;

    private SnowflakeDisplay(ZoneId session) {
        this.session = session;
    }

    /** For a connection: its session's time zone (the TIMEZONE parameter), read once. */
    public static SnowflakeDisplay of(Connection connection) {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('TimeZone')")) {
            return new SnowflakeDisplay(rs.next() ? ZoneId.of(rs.getString(1)) : ZoneId.of("UTC"));
        } catch (SQLException | RuntimeException e) {
            return new SnowflakeDisplay(ZoneId.of("UTC"));
        }
    }

    /** The value as text, null for SQL NULL. */
    public String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return NTZ.format(timestamp.toLocalDateTime());
        }
        if (value instanceof LocalDateTime local) {
            return NTZ.format(local);
        }
        if (value instanceof OffsetDateTime instant) {
            return TZ.format(instant.atZoneSameInstant(session));
        }
        if (value instanceof ZonedDateTime zoned) {
            return TZ.format(zoned.withZoneSameInstant(session));
        }
        if (value instanceof Time time) {
            return TIME.format(time.toLocalTime());
        }
        if (value instanceof LocalTime time) {
            return TIME.format(time);
        }
        return value.toString();
    }
}
