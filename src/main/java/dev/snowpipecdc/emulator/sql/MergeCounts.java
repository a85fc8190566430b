package dev.snowpipecdc.emulator.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;

/**
 * What Snowflake answers a MERGE with: one row counting the rows it inserted, updated and deleted, a column for each
 * kind of clause the statement has ({@code number of rows inserted}, {@code ... updated}, {@code ... deleted}, in
 * that order). The translated MERGE runs with DuckDB's {@code RETURNING merge_action}, whose rows are counted.
 */
final class MergeCounts {

    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("INSERT", "number of rows inserted");
        COLUMNS.put("UPDATE", "number of rows updated");
        COLUMNS.put("DELETE", "number of rows deleted");
    }

    private final Map<String, Long> counts;

    private MergeCounts(Map<String, Long> counts) {
        this.counts = counts;
    }

    /** Runs the translated MERGE on {@code duck} and counts what each of its clauses did. */
    static MergeCounts run(Connection duck, String translatedMerge) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement st = duck.createStatement();
             ResultSet rows = st.executeQuery(translatedMerge + "\nRETURNING merge_action")) {
            while (rows.next()) {
                counts.merge(rows.getString(1), 1L, Long::sum);
            }
        }
        return new MergeCounts(counts);
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The one-row answer, a column for each kind of clause in {@code merge} (the statement as written). */
    String resultQuery(String merge) throws SQLException {
        List<String> kinds = new ArrayList<>();
        List<SqlToken> tokens = SqlTokenizer.tokenize(merge).stream().filter(t -> !t.isTrivia()).toList();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord("THEN")) {
                for (String kind : COLUMNS.keySet()) {
                    if (tokens.get(i + 1).isWord(kind) && !kinds.contains(kind)) {
                        kinds.add(kind);
                    }
                }
            }
        }
        List<String> columns = new ArrayList<>();
        for (String kind : COLUMNS.keySet()) {
            if (kinds.contains(kind)) {
                columns.add(counts.getOrDefault(kind, 0L) + " AS " + EmulatorCatalog.q(COLUMNS.get(kind)));
            }
        }
        return "SELECT " + String.join(", ", columns);
    }
}
