package dev.snowpipecdc.warehouse;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the placeholders of the SQL in sql/: {@code {{NAME}}} or {@code {{NAME:arg:arg}}}. Placeholders may nest
 * ({@code {{ADD_COLUMNS:STAGING_{{TABLE}}}}}): inner ones are filled first. A placeholder nobody knows is an
 * error, so that no half-rendered statement reaches the warehouse.
 */
public final class SqlTemplate {

    /** Gives a placeholder's value; empty when it does not know the placeholder. */
    @FunctionalInterface
    public interface Values {
        Optional<String> value(String name, List<String> args);

        /** These values, then {@code fallback}'s for the placeholders these do not know. */
        default Values orElse(Values fallback) {
            return (name, args) -> value(name, args).or(() -> fallback.value(name, args));
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)((?::[^{}:]*)*)}}");
    private static final Pattern NAME = Pattern.compile("\\{\\{([A-Z_]+)");
    private static final int MAX_NESTING = 4;

    private SqlTemplate() {
    }

    /** @param source where the text comes from, for error messages */
    public static String render(String text, Values values, String source) {
        String rendered = text;
        for (int pass = 0; pass < MAX_NESTING && rendered.contains("{{"); pass++) {
            String current = rendered;
            Matcher m = PLACEHOLDER.matcher(current);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                List<String> args = m.group(2).isEmpty() ? List.of() : List.of(m.group(2).substring(1).split(":", -1));
                int at = m.start();
                String value = values.value(m.group(1), args).orElseThrow(() -> new IllegalArgumentException(
                        "Unknown placeholder " + m.group() + " in " + source + " at line " + line(current, at)));
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            rendered = out.toString();
        }
        int left = rendered.indexOf("{{");
        if (left >= 0) {
            throw new IllegalArgumentException("Malformed placeholder in " + source + " at line " + line(rendered, left)
                    + ": " + rendered.substring(left, Math.min(rendered.length(), left + 40)));
        }
        return rendered;
    }

    /** The names of the placeholders in {@code text}, outermost nesting level included. */
    public static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static int line(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
