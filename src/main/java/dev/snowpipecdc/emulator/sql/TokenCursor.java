package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlToken.Kind;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;

/** Reads the meaningful tokens of one statement, for the commands the emulator carries out itself. */
final class TokenCursor {

    private final String statement;
    private final List<SqlToken> all;
    private final List<Integer> meaningful = new ArrayList<>();
    private int pos;

    TokenCursor(String statement) throws SQLException {
        this(statement, SqlTokenizer.tokenize(statement));
    }

    private TokenCursor(String statement, List<SqlToken> tokens) {
        this.statement = statement;
        this.all = tokens;
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).isTrivia()) {
                meaningful.add(i);
            }
        }
    }

    /** A cursor over DuckDB SQL (as translated: standard strings, no backslash escapes). */
    static TokenCursor overDuckDb(String duckSql) throws SQLException {
        return new TokenCursor(duckSql, SqlTokenizer.tokenizeStandard(duckSql));
    }

    boolean atEnd() {
        return pos >= meaningful.size();
    }

    SqlToken peek() {
        return atEnd() ? null : all.get(meaningful.get(pos));
    }

    SqlToken peek(int ahead) {
        return pos + ahead >= meaningful.size() ? null : all.get(meaningful.get(pos + ahead));
    }

    boolean peekWord(String... words) {
        for (int k = 0; k < words.length; k++) {
            SqlToken t = peek(k);
            if (t == null || !t.isWord(words[k])) {
                return false;
            }
        }
        return true;
    }

    /** Consumes the words if they come next. */
    boolean accept(String... words) {
        if (peekWord(words)) {
            pos += words.length;
            return true;
        }
        return false;
    }

    void skip() {
        pos++;
    }

    boolean acceptSymbol(String symbol) {
        if (!atEnd() && peek().isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(String... words) throws SqlException {
        if (!accept(words)) {
            throw error("expected " + String.join(" ", words));
        }
    }

    void expectSymbol(String symbol) throws SqlException {
        if (!acceptSymbol(symbol)) {
            throw error("expected '" + symbol + "'");
        }
    }

    /** A (maybe qualified) object name, each part resolved the Snowflake way. */
    List<String> name() throws SqlException {
        List<String> parts = new ArrayList<>();
        do {
            SqlToken t = peek();
            if (t == null || (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED_IDENTIFIER)) {
                throw error("expected a name");
            }
            parts.add(SqlNames.name(t));
            pos++;
        } while (acceptSymbol("."));
        return parts;
    }

    String word() throws SqlException {
        SqlToken t = peek();
        if (t == null || t.kind() != Kind.WORD) {
            throw error("expected a keyword");
        }
        pos++;
        return t.text().toUpperCase(Locale.ROOT);
    }

    /** A string literal's value, or a bare word / number as text. */
    String value() throws SqlException {
        SqlToken t = peek();
        if (t == null) {
            throw error("expected a value");
        }
        pos++;
        return t.kind() == Kind.STRING ? SqlNames.unescape(t) : t.text();
    }

    /** The statement text from the current token to the end, as written. */
    String rest() {
        if (atEnd()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (int i = meaningful.get(pos); i < all.size(); i++) {
            text.append(all.get(i).text());
        }
        return text.toString().strip();
    }

    /** The text from the current token up to (not including) the next top-level occurrence of the word. */
    Optional<String> until(String word) {
        int depth = 0;
        StringBuilder text = new StringBuilder();
        for (int k = pos; k < meaningful.size(); k++) {
            SqlToken t = all.get(meaningful.get(k));
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.isWord(word)) {
                int from = meaningful.get(pos);
                for (int i = from; i < meaningful.get(k); i++) {
                    text.append(all.get(i).text());
                }
                pos = k;
                return Optional.of(text.toString().strip());
            }
        }
        return Optional.empty();
    }

    int line() {
        return atEnd() ? all.isEmpty() ? 1 : all.get(all.size() - 1).line() : peek().line();
    }

    SqlException error(String what) {
        return new SqlException("Cannot read statement at line " + line() + ": " + what + " near '"
                + (atEnd() ? "end of statement" : peek().text()) + "' in: " + statement.strip(), null);
    }
}
