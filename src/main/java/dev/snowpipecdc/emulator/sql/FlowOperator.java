package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;

/**
 * Snowflake's flow operator: {@code statement ->> statement ->> ...} runs the statements in order, and {@code $n} in
 * a later statement is the result of the n-th. Each result but the last is kept in a temporary table.
 */
final class FlowOperator {

    private static final Set<String> STATEMENT_STARTS = Set.of("SELECT", "WITH", "SHOW", "INSERT", "UPDATE",
            "DELETE", "MERGE", "CREATE", "ALTER", "DROP", "DESCRIBE", "DESC", "CALL", "USE", "EXECUTE", "TRUNCATE");

    private static final Set<String> FROM_LIST_ENDS = Set.of("WHERE", "GROUP", "HAVING", "QUALIFY", "ORDER", "LIMIT",
            "UNION", "EXCEPT", "INTERSECT", "MINUS", "ON", "USING", "SELECT", "WINDOW");

    private FlowOperator() {
    }

    /** The statements of a flow (one when the statement has no top-level {@code ->>}). */
    static List<String> statements(String sql) throws SQLException {
        if (!sql.contains("->>")) {
            // every statement comes here: most need not be tokenized again
            return List.of(sql);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        List<SqlToken> tokens = SqlTokenizer.tokenize(sql);
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            if (depth == 0 && t.isSymbol("->>") && startsStatement(tokens, i + 1)) {
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(t.text());
            }
        }
        statements.add(current.toString().strip());
        return statements;
    }

    /** A statement follows (DuckDB's JSON operator {@code ->>}, which SQL written for DuckDB may use, is no flow). */
    private static boolean startsStatement(List<SqlToken> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (!t.isTrivia()) {
                return t.kind() == SqlToken.Kind.WORD && STATEMENT_STARTS.contains(t.text().toUpperCase(Locale.ROOT));
            }
        }
        return false;
    }

    /** The temporary table that keeps the n-th statement's result (1-based) of the flow {@code flow}. */
    static String resultTable(String flow, int n) {
        return "__flow_" + flow + "_" + n;
    }

    /**
     * The statement with each {@code $n} that stands where a table may (after FROM or JOIN, or a comma in a FROM
     * list) replaced by the n-th result; {@code available} results exist. Elsewhere {@code $n} is left as it is.
     */
    static String withResults(String statement, String flow, int available) throws SQLException {
        List<SqlToken> tokens = SqlTokenizer.tokenize(statement);
        StringBuilder out = new StringBuilder();
        boolean inFrom = false;
        SqlToken previous = null;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            boolean tablePlace = previous != null && (previous.isWord("FROM") || previous.isWord("JOIN")
                    || (inFrom && previous.isSymbol(",")));
            if (tablePlace && t.isSymbol("$") && i + 1 < tokens.size()
                    && tokens.get(i + 1).kind() == SqlToken.Kind.NUMBER) {
                int n = Integer.parseInt(tokens.get(i + 1).text());
                if (n < 1 || n > available) {
                    throw new SqlException("$" + n + " in a flow (->>) names no earlier statement's result (there "
                            + (available == 1 ? "is 1" : "are " + available) + ") in: " + statement, null);
                }
                out.append("temp.main.").append(EmulatorCatalog.q(resultTable(flow, n)));
                previous = tokens.get(++i);
                continue;
            }
            if (t.kind() == SqlToken.Kind.WORD) {
                String word = t.text().toUpperCase(Locale.ROOT);
                if (word.equals("FROM") || word.equals("JOIN")) {
                    inFrom = true;
                } else if (FROM_LIST_ENDS.contains(word)) {
                    inFrom = false;
                }
            }
            if (!t.isTrivia()) {
                previous = t;
            }
            out.append(t.text());
        }
        return out.toString();
    }
}
