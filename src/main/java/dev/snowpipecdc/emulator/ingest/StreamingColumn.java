package dev.snowpipecdc.emulator.ingest;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One column of a warehouse table as the ingest SDK must see it: the Snowflake type with its logical and physical
 * storage type (these decide how the SDK validates a value and encodes it in the BDEC Parquet chunk), and the SQL
 * expression that turns the chunk's Parquet value back into the DuckDB column's value.
 *
 * <p>Timestamps and times are announced with scale 6 because DuckDB keeps microseconds; the SDK then rounds
 * input to microseconds, which is what the column can hold.
 */
record StreamingColumn(String name, String snowflakeType, String logicalType, String physicalType, Integer precision,
                       Integer scale, Integer byteLength, boolean nullable, int ordinal) {

    private static final int LOB_BYTES = 16_777_216;
    private static final int BINARY_BYTES = 8_388_608;
    private static final int TIME_SCALE = 6;

    /**
     * @param duckType DuckDB's {@code data_type} as {@code duckdb_columns()} reports it
     * @return the column, or empty when Snowpipe Streaming could not write this type
     */
    static Optional<StreamingColumn> of(String name, String duckType, Integer numericPrecision, Integer numericScale,
                                        boolean nullable, int ordinal) {
        String type = duckType.toUpperCase(Locale.ROOT);
        if (type.startsWith("DECIMAL")) {
            return Optional.of(fixed(name, numericPrecision, numericScale, nullable, ordinal));
        }
        return Optional.ofNullable(switch (type) {
            case "TINYINT" -> fixed(name, 3, 0, nullable, ordinal);
            case "SMALLINT" -> fixed(name, 5, 0, nullable, ordinal);
            case "INTEGER" -> fixed(name, 10, 0, nullable, ordinal);
            case "BIGINT" -> fixed(name, 19, 0, nullable, ordinal);
            case "HUGEINT" -> fixed(name, 38, 0, nullable, ordinal);
            case "VARCHAR" -> new StreamingColumn(name, "VARCHAR(" + LOB_BYTES + ")", "TEXT", "LOB", null, null,
                    LOB_BYTES, nullable, ordinal);
            case "JSON" -> new StreamingColumn(name, "VARIANT", "VARIANT", "LOB", null, null, LOB_BYTES, nullable,
                    ordinal);
            case "BOOLEAN" -> new StreamingColumn(name, "BOOLEAN", "BOOLEAN", "SB1", null, null, null, nullable,
                    ordinal);
            case "DOUBLE", "FLOAT" -> new StreamingColumn(name, "FLOAT", "REAL", "DOUBLE", null, null, null, nullable,
                    ordinal);
            case "DATE" -> new StreamingColumn(name, "DATE", "DATE", "SB4", null, null, null, nullable, ordinal);
            case "TIME" -> new StreamingColumn(name, "TIME(" + TIME_SCALE + ")", "TIME", "SB8", null, TIME_SCALE, null,
                    nullable, ordinal);
            case "TIMESTAMP" -> new StreamingColumn(name, "TIMESTAMP_NTZ(" + TIME_SCALE + ")", "TIMESTAMP_NTZ", "SB8",
                    null, TIME_SCALE, null, nullable, ordinal);
            case "TIMESTAMP WITH TIME ZONE" -> new StreamingColumn(name, "TIMESTAMP_LTZ(" + TIME_SCALE + ")",
                    "TIMESTAMP_LTZ", "SB8", null, TIME_SCALE, null, nullable, ordinal);
            case "BLOB" -> new StreamingColumn(name, "BINARY(" + BINARY_BYTES + ")", "BINARY", "LOB", null, null,
                    BINARY_BYTES, nullable, ordinal);
            default -> null;
        });
    }

    private static StreamingColumn fixed(String name, int precision, int scale, boolean nullable, int ordinal) {
        // SB16 for all: the SDK then writes a 16-byte decimal that holds any NUMBER(38,s)
        return new StreamingColumn(name, "NUMBER(" + precision + "," + scale + ")", "FIXED", "SB16", precision, scale,
                null, nullable, ordinal);
    }

    /**
     * The name as Snowflake reports it: plain when it is an unquoted (upper-case) identifier, otherwise in double
     * quotes, which the SDK strips to find the Parquet column name.
     */
    String reportedName() {
        return name.matches("[A-Z_][A-Z0-9_$]*") ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    /** The SQL that reads this column's value from a decoded chunk (a {@code read_parquet} row). */
    String readExpression() {
        String col = quoted(name);
        // times arrive as seconds (since the epoch or midnight) with 'scale' = 6 decimals: whole microseconds
        String micros = "CAST(CAST(" + col + " AS DECIMAL(38,6)) * 1000000 AS BIGINT)";
        return switch (logicalType) {
            case "VARIANT" -> "CAST(" + col + " AS JSON)";
            case "TIMESTAMP_NTZ" -> "make_timestamp(" + micros + ")";
            case "TIMESTAMP_LTZ" -> "timezone('UTC', make_timestamp(" + micros + "))";
            case "TIME" -> "(TIME '00:00:00' + to_microseconds(" + micros + "))";
            case "BINARY" -> "CAST(" + col + " AS BLOB)";
            default -> col;
        };
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", reportedName());
        json.put("type", snowflakeType);
        json.put("logical_type", logicalType);
        json.put("physical_type", physicalType);
        json.put("precision", precision);
        json.put("scale", scale);
        json.put("byte_length", byteLength);
        json.put("length", byteLength);
        json.put("nullable", nullable);
        json.putNull("collation");
        json.put("ordinal", ordinal);
        return json;
    }

    static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
