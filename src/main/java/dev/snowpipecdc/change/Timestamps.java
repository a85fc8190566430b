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
        return fourDigitYear(timestamp) ? format(timestamp, false) : LOCAL.format(timestamp);
    }

    /** An instant in UTC: ISO-8601 with microseconds and 'Z'. */
    public static String utc(Instant instant) {
        LocalDateTime timestamp = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(),
                ZoneOffset.UTC);
        return fourDigitYear(timestamp) ? format(timestamp, true) : UTC.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** Years 1..9999: yyyy is the year of the era, so year 0 (1 BC) and earlier are the formatter's. */
    private static boolean fourDigitYear(LocalDateTime timestamp) {
        return timestamp.getYear() >= 1 && timestamp.getYear() <= 9999;
    }

    /**
     * The patterns above, written digit by digit: every landed change formats two timestamps on the source's
     * thread, where DateTimeFormatter showed in profiles. Years outside 1..9999 go to the formatter.
     */
    private static String format(LocalDateTime t, boolean zulu) {
        char[] text = new char[zulu ? 27 : 26];
        digits(text, 0, 4, t.getYear());
        text[4] = '-';
        digits(text, 5, 2, t.getMonthValue());
        text[7] = '-';
        digits(text, 8, 2, t.getDayOfMonth());
        text[10] = 'T';
        digits(text, 11, 2, t.getHour());
        text[13] = ':';
        digits(text, 14, 2, t.getMinute());
        text[16] = ':';
        digits(text, 17, 2, t.getSecond());
        text[19] = '.';
        digits(text, 20, 6, t.getNano() / 1000);
        if (zulu) {
            text[26] = 'Z';
        }
        return new String(text);
    }

    private static void digits(char[] into, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
