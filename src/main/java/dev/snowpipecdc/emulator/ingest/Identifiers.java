package dev.snowpipecdc.emulator.ingest;

import java.util.Locale;

/** Snowflake's identifier rule: unquoted names are upper-cased, double-quoted names are taken as written. */
final class Identifiers {

    private Identifiers() {
    }

    static String resolve(String name) {
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name.toUpperCase(Locale.ROOT);
    }
}
