package dev.snowpipecdc.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Prints a result set for people (an aligned table, NULL as {@code NULL}) or for scripts (CSV: NULL as an empty
 * cell, an empty string as {@code ""}; or JSON lines: NULL as {@code null}), values as Snowflake's clients print
 * them (SnowflakeDisplay).
 */
public final class ResultPrinter {

    private static final int MAX_CELL = 80;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultPrinter() {
    }

    /** @param format table, csv or json */
    public static void print(ResultSet rs, Connection session, String format, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        List<String> header = new ArrayList<>();
        for (int c = 1; c <= columns; c++) {
            header.add(meta.getColumnLabel(c));
        }
        List<Object[]> values = new ArrayList<>();
        while (rs.next()) {
            Object[] row = new Object[columns];
            for (int c = 0; c < columns; c++) {
                row[c] = rs.getObject(c + 1);
            }
            values.add(row);
        }
        // as Snowflake's clients print them (timestamps in the session's time zone), once the rows are read
        SnowflakeDisplay display = SnowflakeDisplay.of(session);
        List<String[]> rows = new ArrayList<>();
        for (Object[] row : values) {
            String[] shown = new String[columns];
            for (int c = 0; c < columns; c++) {
                shown[c] = display.text(row[c]);
            }
            rows.add(shown);
        }
        switch (format) {
            case "csv" -> csv(header, rows, out);
            case "json" -> json(header, rows, out);
            default -> table(header, rows, out);
        }
    }

    private static void table(List<String> header, List<String[]> rows, PrintStream out) {
        int[] width = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            width[c] = header.get(c).length();
        }
        List<String[]> cells = new ArrayList<>();
        for (String[] row : rows) {
            String[] shown = new String[row.length];
            for (int c = 0; c < row.length; c++) {
                String text = row[c] == null ? "NULL" : row[c].replace('\n', ' ');
                shown[c] = text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
                width[c] = Math.max(width[c], shown[c].length());
            }
            cells.add(shown);
        }
        out.println(line(header.toArray(new String[0]), width));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
        }
        out.println(rule);
        cells.forEach(r -> out.println(line(r, width)));
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(c == 0 ? "" : " | ").append(String.format("%-" + width[c] + "s", cells[c]));
        }
        return line.toString().stripTrailing();
    }

    private static void csv(List<String> header, List<String[]> rows, PrintStream out) {
        out.println(String.join(",", header.stream().map(ResultPrinter::csvCell).toList()));
        for (String[] row : rows) {
            List<String> cells = new ArrayList<>();
            for (String cell : row) {
                cells.add(cell == null ? "" : csvCell(cell));
            }
            out.println(String.join(",", cells));
        }
    }

    /** NULL is an empty cell and an empty string a quoted one ({@code ""}), so that the two stay apart. */
    private static String csvCell(String value) {
        return value.isEmpty() || value.contains(",") || value.contains("\"") || value.contains("\n")
                ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static void json(List<String> header, List<String[]> rows, PrintStream out) {
        for (String[] row : rows) {
            Map<String, String> object = new LinkedHashMap<>();
            for (int c = 0; c < row.length; c++) {
                object.put(header.get(c), row[c]);
            }
            try {
                out.println(JSON.writeValueAsString(object));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
