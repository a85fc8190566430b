package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.List;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;

/** The statements of a Snowflake Scripting block {@code BEGIN ... END}, as far as the emulator runs them. */
final class ScriptingBlock {

    private ScriptingBlock() {
    }

    /** The text between BEGIN and its END; a block with DECLARE, LET, IF, loops or EXCEPTION is refused. */
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
            }
            if (t.isWord("END")) {
                end = i;
            }
            if (t.isWord("DECLARE") || t.isWord("LET") || t.isWord("EXCEPTION") || t.isWord("LOOP")
                    || t.isWord("WHILE") || t.isWord("REPEAT") || t.isWord("RETURN")) {
                throw SqlException.unsupported("Snowflake Scripting " + t.text().toUpperCase() + " in a block",
                        t.line(), block);
            }
        }
        if (begin < 0 || end < 0 || !tokens.get(begin).isWord("BEGIN")) {
            throw new SqlException("Not a BEGIN ... END block: " + block.strip(), null);
        }
        StringBuilder body = new StringBuilder();
        for (int i = begin + 1; i < end; i++) {
            body.append(tokens.get(i).text());
        }
        return body.toString();
    }
}
