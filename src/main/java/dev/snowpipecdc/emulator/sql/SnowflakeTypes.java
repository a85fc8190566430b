package dev.snowpipecdc.emulator.sql;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps Snowflake data types to the DuckDB types that hold the same values. Semi-structured types become JSON;
 * timestamps keep their time-zone semantics (LTZ/TZ → TIMESTAMPTZ, NTZ → TIMESTAMP) with DuckDB's microsecond
 * precision; every integer type is NUMBER(38,0) in Snowflake and so DECIMAL(38,0) here.
 */
public final class SnowflakeTypes {

    private SnowflakeTypes() {
    }

    /**
     * @param name the type name as written, one or more words ("NUMBER", "DOUBLE PRECISION")
     * @param args the arguments in parentheses, empty when there are none
     * @return the DuckDB type, or empty when the type is unknown
     */
    public static Optional<String> toDuckDb(String name, List<String> args) {
        String type = name.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        return Optional.ofNullable(switch (type) {
            case "VARIANT", "OBJECT", "ARRAY" -> "JSON";
            case "NUMBER", "NUMERIC", "DECIMAL" -> decimal(args);
            case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT" -> "DECIMAL(38,0)";
            case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE PRECISION", "REAL" -> "DOUBLE";
            case "VARCHAR", "STRING", "TEXT", "CHAR", "CHARACTER", "NCHAR", "NVARCHAR", "NVARCHAR2",
                 "CHAR VARYING", "CHARACTER VARYING" -> "VARCHAR";
            case "BINARY", "VARBINARY" -> "BLOB";
            case "BOOLEAN" -> "BOOLEAN";
            case "DATE" -> "DATE";
            case "TIME" -> "TIME";
            case "TIMESTAMP", "DATETIME", "TIMESTAMP_NTZ", "TIMESTAMPNTZ", "TIMESTAMP WITHOUT TIME ZONE" -> "TIMESTAMP";
            case "TIMESTAMP_LTZ", "TIMESTAMPLTZ", "TIMESTAMP_TZ", "TIMESTAMPTZ", "TIMESTAMP WITH LOCAL TIME ZONE",
                 "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMPTZ";
            default -> null;
        });
    }

    /** True when the word can start a (possibly multi-word) Snowflake type name. */
    public static boolean startsMultiWordType(String word) {
        String w = word.toUpperCase(Locale.ROOT);
        return w.equals("DOUBLE") || w.equals("CHAR") || w.equals("CHARACTER") || w.equals("TIMESTAMP");
    }

    /** True when the words could still grow into a multi-word type name ("TIMESTAMP WITH", ...). */
    public static boolean isTypeWordPrefix(String words) {
        String w = words.toUpperCase(Locale.ROOT);
        return w.equals("TIMESTAMP WITH") || w.equals("TIMESTAMP WITH LOCAL") || w.equals("TIMESTAMP WITH LOCAL TIME")
                || w.equals("TIMESTAMP WITH TIME") || w.equals("TIMESTAMP WITHOUT")
                || w.equals("TIMESTAMP WITHOUT TIME");
    }

    private static String decimal(List<String> args) {
        String precision = args.isEmpty() ? "38" : args.get(0).strip();
        String scale = args.size() > 1 ? args.get(1).strip() : "0";
        return "DECIMAL(" + precision + "," + scale + ")";
    }
}
