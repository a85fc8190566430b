package dev.snowpipecdc.cli;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Snowflake's output formats ({@code YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM}, {@code DY, DD MON YYYY HH24:MI:SS}, ...)
 * as Java formatters. Elements: YYYY, YY, MMMM, MON, MM, DD, DY, HH24, HH12, HH, MI, SS, FF[0-9], AM/PM,
 * TZH:TZM, TZHTZM, TZH; anything else is printed as written.
 */
final class OutputFormats {

    private static final String[][] ELEMENTS = {
            {"YYYY", "yyyy"}, {"YY", "yy"}, {"MMMM", "MMMM"}, {"MON", "MMM"}, {"MM", "MM"}, {"DD", "dd"},
            {"DY", "EEE"}, {"HH24", "HH"}, {"HH12", "hh"}, {"HH", "HH"}, {"MI", "mm"}, {"SS", "ss"},
            {"AM", "a"}, {"PM", "a"}, {"TZH:TZM", "xxx"}, {"TZHTZM", "xx"}, {"TZH", "x"}};

    private OutputFormats() {
    }

    /** @param withOffset false for values without a time zone: their TZH/TZM elements print nothing */
    static DateTimeFormatter formatter(String format, boolean withOffset) {
        StringBuilder pattern = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        String upper = format.toUpperCase(Locale.ROOT);
        int i = 0;
        while (i < format.length()) {
            String java = null;
            int length = 0;
            if (upper.startsWith("FF", i)) {
                int digits = i + 2 < format.length() && Character.isDigit(format.charAt(i + 2))
                        ? format.charAt(i + 2) - '0' : 9;
                length = i + 2 < format.length() && Character.isDigit(format.charAt(i + 2)) ? 3 : 2;
                java = "S".repeat(Math.max(digits, 1));
            } else {
                for (String[] element : ELEMENTS) {
                    if (upper.startsWith(element[0], i)) {
                        java = element[1];
                        length = element[0].length();
                        break;
                    }
                }
            }
            if (java == null) {
                literal.append(format.charAt(i));
                i++;
                continue;
            }
            flush(literal, pattern);
            if (!withOffset && java.startsWith("x")) {
                // a value without an offset: the element and the space before it are left out
                if (pattern.length() > 0 && pattern.charAt(pattern.length() - 1) == '\'') {
                    trimTrailingSpaceLiteral(pattern);
                }
            } else {
                pattern.append(java);
            }
            i += length;
        }
        flush(literal, pattern);
        return DateTimeFormatter.ofPattern(pattern.toString(), Locale.ROOT);
    }

    private static void flush(StringBuilder literal, StringBuilder pattern) {
        if (literal.length() > 0) {
            pattern.append('\'').append(literal.toString().replace("'", "''")).append('\'');
            literal.setLength(0);
        }
    }

    /** Drops a trailing quoted literal made only of spaces (before an offset that is not printed). */
    private static void trimTrailingSpaceLiteral(StringBuilder pattern) {
        int open = pattern.lastIndexOf("'", pattern.length() - 2);
        if (open >= 0 && pattern.substring(open + 1, pattern.length() - 1).isBlank()) {
            pattern.setLength(open);
        }
    }
}
