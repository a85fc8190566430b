package dev.snowpipecdc.emulator.sql;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Snowflake's date and time format elements ({@code YYYY-MM-DD HH24:MI:SS.FF3 TZH:TZM}, in any case) as the
 * {@code strptime} format DuckDB parses with. Text between elements is kept as it is; double-quoted text is literal.
 */
final class DateFormats {

    /** Longest first, so that MMMM is not read as MM MM. */
    private static final Map<String, String> ELEMENTS = new LinkedHashMap<>();

    static {
        ELEMENTS.put("YYYY", "%Y");
        ELEMENTS.put("MMMM", "%B");
        ELEMENTS.put("HH24", "%H");
        ELEMENTS.put("HH12", "%I");
        ELEMENTS.put("TZH:TZM", "%z");
        ELEMENTS.put("TZHTZM", "%z");
        ELEMENTS.put("MON", "%b");
        ELEMENTS.put("FF9", "%n");
        ELEMENTS.put("FF6", "%f");
        ELEMENTS.put("FF3", "%g");
        ELEMENTS.put("FF", "%f");
        ELEMENTS.put("YY", "%y");
        ELEMENTS.put("MM", "%m");
        ELEMENTS.put("DD", "%d");
        ELEMENTS.put("DY", "%a");
        ELEMENTS.put("HH", "%I");
        ELEMENTS.put("MI", "%M");
        ELEMENTS.put("SS", "%S");
        ELEMENTS.put("AM", "%p");
        ELEMENTS.put("PM", "%p");
    }

    private DateFormats() {
    }

    /** The strptime format, or empty when the format has an element this does not know. */
    static Optional<String> strptime(String snowflake) {
        StringBuilder out = new StringBuilder();
        String upper = snowflake.toUpperCase(Locale.ROOT);
        int i = 0;
        outer:
        while (i < snowflake.length()) {
            char c = snowflake.charAt(i);
            if (c == '"') {
                int end = snowflake.indexOf('"', i + 1);
                if (end < 0) {
                    return Optional.empty();
                }
                out.append(snowflake, i + 1, end);
                i = end + 1;
                continue;
            }
            for (Map.Entry<String, String> element : ELEMENTS.entrySet()) {
                if (upper.startsWith(element.getKey(), i)) {
                    out.append(element.getValue());
                    i += element.getKey().length();
                    continue outer;
                }
            }
            if (Character.isLetter(c)) {
                return Optional.empty();
            }
            out.append(c == '%' ? "%%" : String.valueOf(c));
            i++;
        }
        return Optional.of(out.toString());
    }
}
