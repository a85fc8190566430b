package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.lit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A session's parameters (ALTER SESSION SET / UNSET): Snowflake's defaults, the ones that change how statements
 * run here (TIMEZONE on the DuckDB connection, TIMESTAMP_TYPE_MAPPING, ERROR_ON_NONDETERMINISTIC_MERGE), and any
 * other accepted and remembered.
 */
final class SessionParameters {

    /** Session parameters and their defaults (Snowflake's). */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("TIMEZONE", "America/Los_Angeles"),
            Map.entry("TIMESTAMP_TYPE_MAPPING", "TIMESTAMP_NTZ"),
            Map.entry("ERROR_ON_NONDETERMINISTIC_MERGE", "TRUE"),
            Map.entry("ERROR_ON_NONDETERMINISTIC_UPDATE", "FALSE"),
            // how clients print values (the sql verb does): Snowflake's defaults; empty means TIMESTAMP_OUTPUT_FORMAT
            Map.entry("DATE_OUTPUT_FORMAT", "YYYY-MM-DD"),
            Map.entry("TIME_OUTPUT_FORMAT", "HH24:MI:SS"),
            Map.entry("TIMESTAMP_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM"),
            Map.entry("TIMESTAMP_NTZ_OUTPUT_FORMAT", ""),
            Map.entry("TIMESTAMP_LTZ_OUTPUT_FORMAT", ""),
            Map.entry("TIMESTAMP_TZ_OUTPUT_FORMAT", ""));

    private final Connection duck;
    private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);

    SessionParameters(Connection duck) throws SQLException {
        this.duck = duck;
        applyTimeZone(values.get("TIMEZONE"));
    }

    String get(String name) {
        return values.get(name.toUpperCase(Locale.ROOT));
    }

    /** Every parameter that has a value: the defaults and those the session set. */
    Map<String, String> all() {
        return new java.util.TreeMap<>(values);
    }

    void set(String name, String value) throws SQLException {
        String key = name.toUpperCase(Locale.ROOT);
        switch (key) {
            case "TIMEZONE" -> applyTimeZone(value);
            case "TIMESTAMP_TYPE_MAPPING" -> {
                String v = value.toUpperCase(Locale.ROOT);
                if (!Set.of("TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ").contains(v)) {
                    throw new SqlException("Invalid value " + value + " for TIMESTAMP_TYPE_MAPPING", null);
                }
                value = v;
            }
            case "ERROR_ON_NONDETERMINISTIC_MERGE", "ERROR_ON_NONDETERMINISTIC_UPDATE" ->
                    value = value.toUpperCase(Locale.ROOT);
            default -> {
                // accepted and remembered (QUERY_TAG, ...): they change nothing here
            }
        }
        values.put(key, value);
    }

    void unset(String name) throws SQLException {
        String key = name.toUpperCase(Locale.ROOT);
        String value = DEFAULTS.get(key);
        if (value != null) {
            set(key, value);
        } else {
            values.remove(key);
        }
    }

    private void applyTimeZone(String zone) throws SQLException {
        try (Statement st = duck.createStatement()) {
            st.execute("SET SESSION TimeZone = " + lit(zone));
        }
    }
}
