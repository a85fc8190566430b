package dev.snowpipecdc.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * The size of an average RAW_CHANGES row as the per-byte prices count it: its values as text, without column
 * names (what the high-performance Snowpipe Streaming architecture bills), and the row as one JSON object with its
 * column names (a line of the newline-delimited JSON a file-based Snowpipe would load, billed uncompressed).
 */
public record RowBytes(double valueBytes, double jsonBytes) {

    static final RowBytes NONE = new RowBytes(0, 0);

    private static final String[] COLUMNS = {"OPERATION", "TABLE_NAME", "SOURCE_SCHEMA", "BEFORE", "AFTER",
            "PRIMARY_KEY", "TS_MS", "COMMITTED_AT", "SOURCE_LSN", "TX_ID", "OFFSET_TOKEN", "ENRICHMENT", "INGESTED_AT"};

    static RowBytes of(DataSource warehouse) throws SQLException {
        StringBuilder values = new StringBuilder();
        StringBuilder object = new StringBuilder();
        for (String column : COLUMNS) {
            values.append(values.isEmpty() ? "" : " + ").append("COALESCE(LENGTH(TO_VARCHAR(").append(column)
                    .append(")), 0)");
            // OBJECT_CONSTRUCT leaves NULLs out, as a JSON line without them would
            object.append(object.isEmpty() ? "" : ", ").append('\'').append(column).append("', ").append(column);
        }
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT AVG(" + values + "), AVG(LENGTH(TO_JSON(OBJECT_CONSTRUCT("
                     + object + ")))) FROM RAW_CHANGES")) {
            rs.next();
            return new RowBytes(rs.getDouble(1), rs.getDouble(2));
        }
    }
}
