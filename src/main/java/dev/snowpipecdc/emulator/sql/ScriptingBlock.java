package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.List;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;

/** The statements of a Snowflake Scripting block {@code BEGIN ... END}, as far as the emulator runs them. */
final class ScriptingBlock {

    private ScriptingBlock() {
    }

    private static final java.util.Set<String> SCRIPTING_STATEMENTS = java.util.Set.of("DECLARE", "LET", "IF",
            "FOR", "WHILE", "REPEAT", "LOOP", "CASE", "RETURN", "RAISE", "EXCEPTION", "CALL", "OPEN", "FETCH",
            "CLOSE", "BREAK", "CONTINUE");

    /**
     * The text between BEGIN and its END. Statements starting with a Snowflake Scripting keyword (DECLARE, LET,
     * IF, loops, EXCEPTION, ...) are refused: the emulator runs blocks of plain SQL statements only.
     */
    static String body(String block) throws SQLException {
        List<SqlToken> tokens = SqlTokenizer.tokenize(block);
        int begin = -1;
        int end = -1;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.isTrivia()) {
                continue;
            }
            if (begin < 0) {
                begin = i;
                if (t.isWord("DECLARE")) {
                    throw SqlException.unsupported("Snowflake Scripting DECLARE", t.line(), block);
                }
            }
            if (t.isWord("END")) {
                end = i;
            }
        }
        if (begin < 0 || end < 0 || !tokens.get(begin).isWord("BEGIN")) {
            throw new SqlException("Not a BEGIN ... END block: " + block.strip(), null);
        }
        StringBuilder body = new StringBuilder();
        for (int i = begin + 1; i < end; i++) {
            body.append(tokens.get(i).text());
        }
        for (List<SqlToken> statement : SqlTokenizer.statements(body.toString())) {
            SqlToken first = statement.stream().filter(t -> !t.isTrivia()).findFirst().orElseThrow();
            if (SCRIPTING_STATEMENTS.contains(first.text().toUpperCase(java.util.Locale.ROOT))) {
                throw SqlException.unsupported("Snowflake Scripting " + first.text().toUpperCase(java.util.Locale.ROOT)
                        + " in a block", first.line(), block);
            }
        }
        return body.toString();
    }
}
