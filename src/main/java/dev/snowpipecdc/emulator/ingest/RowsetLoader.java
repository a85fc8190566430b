package dev.snowpipecdc.emulator.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inserts the rows of one append of the high-performance architecture (newline-delimited JSON, plain, gzip or zstd
 * as the request's Content-Encoding says) into the pipe's table, validating them on the server as Snowflake does:
 * a row whose value does not convert to its column's type, or that leaves a NOT NULL column empty, is not inserted
 * and is counted as an error with its reason; the other rows are (the architecture's implicit ON_ERROR = CONTINUE).
 * Fields are matched to columns by name (MATCH_BY_COLUMN_NAME; Snowflake does not document whether the default pipe
 * minds case: here it does not); fields that match no column are ignored, as that option does. A JSON string for a
 * VARIANT column stays a string, as Snowflake keeps it. Runs in the caller's
 * transaction, with DuckDB's own JSON reader.
 */
final class RowsetLoader {

    /** What one append did. */
    record Loaded(long parsed, long inserted, long errors, String firstError) {
    }

    private final Connection duck;
    private final Path scratchDir;

    RowsetLoader(Connection duck, Path stageDir) {
        this.duck = duck;
        this.scratchDir = stageDir.resolve(".rowsets");
    }

    Loaded load(String database, String schema, String table, List<StreamingColumn> columns, byte[] body,
                String contentEncoding) throws SQLException {
        String compression = switch (contentEncoding == null ? "" : contentEncoding.strip().toLowerCase()) {
            case "", "identity" -> "none";
            case "gzip" -> "gzip";
            case "zstd" -> "zstd";
            default -> throw new IllegalArgumentException("Unsupported Content-Encoding " + contentEncoding);
        };
        Path file = ScratchFiles.write(scratchDir, ".ndjson", body);
        try {
            String rows = "(SELECT row_number() OVER () AS __n, json FROM read_json_objects("
                    + literal(file.toAbsolutePath().toString()) + ", format = 'newline_delimited', compression = '"
                    + compression + "'))";
            List<Field> fields = fields(rows, columns);
            String bad = fields.stream().map(Field::badWhen).reduce((a, b) -> a + " OR " + b).orElse("FALSE");
            String converted = "(SELECT __n, " + fields.stream().map(f -> f.value() + " AS " + f.alias())
                    .reduce((a, b) -> a + ", " + b).orElseThrow() + ", (" + bad + ") AS __bad, "
                    + reasons(fields) + " AS __reason FROM " + rows + ")";
            long errors = 0;
            String firstError = null;
            try (Statement st = duck.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) OVER (), __n, __reason FROM " + converted
                         + " WHERE __bad ORDER BY __n LIMIT 1")) {
                if (rs.next()) {
                    errors = rs.getLong(1);
                    firstError = "Row " + rs.getLong(2) + " of the append: " + rs.getString(3);
                }
            }
            // every column, NULL where no field names it (a table with column defaults is not streamed to)
            long inserted;
            try (Statement st = duck.createStatement()) {
                inserted = st.executeUpdate("INSERT INTO " + StreamingColumn.quoted(database) + "."
                        + StreamingColumn.quoted(schema) + "." + StreamingColumn.quoted(table) + " ("
                        + String.join(", ", fields.stream().map(f -> StreamingColumn.quoted(f.column().name()))
                        .toList()) + ") SELECT " + String.join(", ", fields.stream().map(Field::alias).toList())
                        + " FROM " + converted + " WHERE NOT __bad ORDER BY __n");
            }
            return new Loaded(inserted + errors, inserted, errors, firstError);
        } finally {
            ScratchFiles.delete(file);
        }
    }

    /**
     * One column as the append fills it.
     *
     * @param raw   the field's text (NULL when absent or JSON null)
     * @param value the column's value
     * @param fromData false when no field of the append names the column: it stays NULL
     */
    private record Field(StreamingColumn column, String alias, String raw, String value, boolean fromData) {

        /** True for a row this column refuses. */
        String badWhen() {
            String notConverted = fromData && !column.logicalType().equals("VARIANT")
                    ? "(" + raw + " IS NOT NULL AND " + value + " IS NULL)" : "FALSE";
            String missing = column.nullable() ? "FALSE" : "(" + value + " IS NULL)";
            return "(" + notConverted + " OR " + missing + ")";
        }
    }

    /** The columns with the fields that fill them: a column's field may be spelt differently from row to row. */
    private List<Field> fields(String rows, List<StreamingColumn> columns) throws SQLException {
        Map<StreamingColumn, List<String>> paths = new LinkedHashMap<>();
        columns.forEach(c -> paths.put(c, new ArrayList<>()));
        try (Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT unnest(json_keys(json)) FROM " + rows + " ORDER BY 1")) {
            while (rs.next()) {
                String key = rs.getString(1);
                columns.stream().filter(c -> c.name().equalsIgnoreCase(key)).findFirst()
                        .ifPresent(c -> paths.get(c).add(literal("$.\"" + key.replace("\"", "\\\"") + "\"")));
            }
        }
        List<Field> fields = new ArrayList<>();
        int i = 0;
        for (Map.Entry<StreamingColumn, List<String>> column : paths.entrySet()) {
            String alias = "__c" + i++;
            List<String> keyPaths = column.getValue();
            if (keyPaths.isEmpty()) {
                fields.add(new Field(column.getKey(), alias, "NULL", "NULL", false));
                continue;
            }
            boolean variant = column.getKey().logicalType().equals("VARIANT");
            // in parentheses: DuckDB binds IS NULL tighter than its JSON arrows
            String raw = coalesce(keyPaths.stream().map(p -> "(json ->> " + p + ")").toList());
            String value = variant ? coalesce(keyPaths.stream().map(p -> "(json -> " + p + ")").toList())
                    : convert(column.getKey(), raw);
            fields.add(new Field(column.getKey(), alias, raw, value, true));
        }
        return fields;
    }

    /** The text of a field as the column's DuckDB type, NULL when it does not convert. */
    private static String convert(StreamingColumn column, String raw) {
        return switch (column.logicalType()) {
            case "FIXED" -> "TRY_CAST(" + raw + " AS DECIMAL(" + column.precision() + "," + column.scale() + "))";
            case "TEXT" -> raw;
            case "BOOLEAN" -> "TRY_CAST(" + raw + " AS BOOLEAN)";
            case "REAL" -> "TRY_CAST(" + raw + " AS DOUBLE)";
            case "DATE" -> "TRY_CAST(" + raw + " AS DATE)";
            case "TIME" -> "TRY_CAST(" + raw + " AS TIME)";
            case "TIMESTAMP_NTZ" -> "TRY_CAST(" + raw + " AS TIMESTAMP)";
            case "TIMESTAMP_LTZ" -> "TRY_CAST(" + raw + " AS TIMESTAMPTZ)";
            // the default pipe reads a binary value as base64 text
            case "BINARY" -> "TRY(from_base64(" + raw + "))";
            default -> throw new IllegalStateException("No conversion for " + column.logicalType());
        };
    }

    /** Why a refused row was refused: the first column that refused it. */
    private static String reasons(List<Field> fields) {
        StringBuilder sql = new StringBuilder("CASE");
        for (Field f : fields) {
            String name = f.column().name();
            if (f.fromData() && !f.column().logicalType().equals("VARIANT")) {
                sql.append(" WHEN ").append(f.raw()).append(" IS NOT NULL AND ").append(f.value())
                        .append(" IS NULL THEN 'value ''' || ").append(f.raw()).append(" || ")
                        .append(literal("' of column " + name + " is not a " + f.column().snowflakeType()));
            }
            if (!f.column().nullable()) {
                sql.append(" WHEN ").append(f.value()).append(" IS NULL THEN ")
                        .append(literal("column " + name + " is NOT NULL and the row has no value for it"));
            }
        }
        return sql.toString().equals("CASE") ? "NULL" : sql.append(" END").toString();
    }

    private static String coalesce(List<String> values) {
        return values.size() == 1 ? values.get(0) : "COALESCE(" + String.join(", ", values) + ")";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
