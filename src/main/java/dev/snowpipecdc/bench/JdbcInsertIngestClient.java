package dev.snowpipecdc.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.IngestException;

/**
 * The way Camel's {@code snowflake-sink} Kamelet loads: a SQL {@code INSERT} per batch over JDBC, committed when it
 * returns. One statement per batch, {@code INSERT INTO t (columns) SELECT column1, PARSE_JSON(column2), ... FROM
 * VALUES (...), (...)} (Snowflake takes no PARSE_JSON in a VALUES list). A benchmark path, not a sink to run: it keeps no offset
 * tokens in the warehouse, so a restart would load a batch twice.
 */
final class JdbcInsertIngestClient extends ImmediateCommitIngestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<DataSource> warehouse;

    JdbcInsertIngestClient(Supplier<DataSource> warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    protected void write(ChannelId channel, List<Map<String, Object>> rows) {
        try (Connection c = warehouse.get().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(insert(channel.table(), rows));
        } catch (SQLException e) {
            throw new IngestException("INSERT into " + channel.table() + " failed: " + e.getMessage(), e);
        }
    }

    /** One INSERT for the batch; the columns are the first row's (every landing row has them all). */
    static String insert(String table, List<Map<String, Object>> rows) {
        List<String> columns = List.copyOf(rows.get(0).keySet());
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
                .append(String.join(", ", columns)).append(") SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            boolean semiStructured = rows.stream().anyMatch(row -> row.get(column) instanceof Map<?, ?>
                    || row.get(column) instanceof Collection<?>);
            String value = "column" + (i + 1);
            sql.append(i == 0 ? "" : ", ").append(semiStructured ? "PARSE_JSON(" + value + ")" : value);
        }
        sql.append(" FROM VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int i = 0; i < columns.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(literal(rows.get(r).get(columns.get(i))));
            }
            sql.append(')');
        }
        return sql.toString();
    }

    /** A Snowflake literal: numbers as they are, text quoted (quotes doubled, backslashes escaped), maps as JSON. */
    static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        String text;
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            try {
                text = JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IngestException("Cannot write " + value + " as JSON: " + e.getMessage(), e);
            }
        } else {
            text = value.toString();
        }
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
