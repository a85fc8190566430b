package dev.snowpipecdc.warehouse.tables;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Snowflake type of a PostgreSQL column, from its {@code format_type()} text, for the values the pipeline
 * lands (source/debezium/DebeziumValues, change/Timestamps: decimals as exact text, timestamps as ISO-8601
 * strings, JSON as objects).
 * Types without an exact Snowflake counterpart keep their value as VARIANT; docs/scd2.md has the table.
 */
public final class PostgresTypes {

    /** Unbounded NUMERIC has no Snowflake equivalent; NUMBER(38,10) keeps 28 integer and 10 fraction digits. */
    static final String UNBOUNDED_NUMERIC = "NUMBER(38,10)";

    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
    private static final Pattern TEMPORAL =
            Pattern.compile("(timestamp|time)(?:\\(\\d+\\))?( with time zone| without time zone)?");
    private static final Pattern VARCHAR = Pattern.compile("(?:character varying|character|bpchar)\\((\\d+)\\)");

    private PostgresTypes() {
    }

    /**
     * @param formatted {@code format_type(atttypid, atttypmod)}, e.g. {@code numeric(10,2)}
     * @param isEnum    the type is an enum (its values arrive as their labels)
     */
    public static String snowflakeType(String formatted, boolean isEnum) {
        String type = formatted.toLowerCase(Locale.ROOT).strip();
        if (isEnum) {
            return "VARCHAR";
        }
        if (type.endsWith("[]")) {
            return "VARIANT";
        }
        Matcher numeric = NUMERIC.matcher(type);
        if (numeric.matches()) {
            int precision = Integer.parseInt(numeric.group(1));
            int scale = Integer.parseInt(numeric.group(2));
            return precision <= 38 ? "NUMBER(" + precision + "," + scale + ")" : UNBOUNDED_NUMERIC;
        }
        Matcher varchar = VARCHAR.matcher(type);
        if (varchar.matches()) {
            return "VARCHAR(" + varchar.group(1) + ")";
        }
        Matcher temporal = TEMPORAL.matcher(type);
        if (temporal.matches()) {
            boolean zoned = " with time zone".equals(temporal.group(2));
            if (temporal.group(1).equals("timestamp")) {
                return zoned ? "TIMESTAMP_LTZ" : "TIMESTAMP_NTZ";
            }
            // a time with a zone keeps its offset as text: Snowflake's TIME has none
            return zoned ? "VARCHAR" : "TIME";
        }
        return switch (type) {
            case "smallint" -> "NUMBER(5,0)";
            case "integer" -> "NUMBER(10,0)";
            case "bigint" -> "NUMBER(19,0)";
            case "numeric" -> UNBOUNDED_NUMERIC;
            case "real", "double precision" -> "FLOAT";
            case "boolean" -> "BOOLEAN";
            case "date" -> "DATE";
            case "text", "character varying", "character", "bpchar", "citext", "name" -> "VARCHAR";
            case "uuid" -> "VARCHAR(36)";
            // bytea arrives as base64 text
            case "bytea" -> "VARCHAR";
            case "json", "jsonb" -> "VARIANT";
            default -> "VARIANT";
        };
    }
}
