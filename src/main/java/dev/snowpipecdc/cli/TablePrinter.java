package dev.snowpipecdc.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Prints a result set as an aligned text table, the way a person reads it in a terminal. */
public final class TablePrinter {

    private static final int MAX_CELL = 80;

    private TablePrinter() {
    }

    /** @return the number of rows printed */
    public static int print(ResultSet rs, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[columns];
        int[] width = new int[columns];
        for (int c = 0; c < columns; c++) {
            header[c] = meta.getColumnLabel(c + 1);
            width[c] = header[c].length();
        }
        while (rs.next()) {
            String[] row = new String[columns];
            for (int c = 0; c < columns; c++) {
                Object value = rs.getObject(c + 1);
                String text = value == null ? "NULL" : value.toString().replace('\n', ' ');
                row[c] = text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
                width[c] = Math.max(width[c], row[c].length());
            }
            rows.add(row);
        }
        out.println(line(header, width));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
        }
        out.println(rule);
        rows.forEach(r -> out.println(line(r, width)));
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
        return rows.size();
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(c == 0 ? "" : " | ").append(String.format("%-" + width[c] + "s", cells[c]));
        }
        return line.toString().stripTrailing();
    }
}
