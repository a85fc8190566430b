package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlToken.Kind;

/**
 * Index-based navigation over one statement's tokens, shared by the parts of {@link SnowflakeSqlTranslator}:
 * the next and previous meaningful token, matching parentheses, argument ranges, rendering.
 */
abstract class TokenNavigation {

    final List<SqlToken> tokens;
    final String statement;

    TokenNavigation(List<SqlToken> tokens, String statement) {
        this.tokens = tokens;
        this.statement = statement;
    }

    List<int[]> argumentRanges(int open, int close) {
        List<int[]> ranges = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int j = open + 1; j < close; j++) {
            SqlToken t = tokens.get(j);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            } else if (depth == 0 && t.isSymbol(",")) {
                ranges.add(new int[]{start, j});
                start = j + 1;
            }
        }
        ranges.add(new int[]{start, close});
        return ranges;
    }

    /** End (exclusive) of the column-definition element starting at {@code from}: the next depth-0 ','. */
    int elementEnd(int from, int close) {
        int depth = 0;
        for (int j = from; j < close; j++) {
            SqlToken t = tokens.get(j);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.isSymbol(",")) {
                return j;
            }
        }
        return close;
    }

    int matchParen(int open) throws SQLException {
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            if (tokens.get(j).isSymbol("(")) {
                depth++;
            } else if (tokens.get(j).isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    return j;
                }
            }
        }
        throw new SqlException("Unbalanced parentheses from line " + tokens.get(open).line() + " in: "
                + statement.strip(), null);
    }

    int meaningful(int from) {
        if (from < 0) {
            return -1;
        }
        for (int i = from; i < tokens.size(); i++) {
            if (!tokens.get(i).isTrivia()) {
                return i;
            }
        }
        return -1;
    }

    int previousMeaningful(int before, int floor) {
        for (int i = before - 1; i >= floor; i--) {
            if (!tokens.get(i).isTrivia()) {
                return i;
            }
        }
        return -1;
    }

    boolean isWord(int i, String word) {
        return i >= 0 && i < tokens.size() && tokens.get(i).isWord(word);
    }

    boolean isSymbolAt(int i, String symbol) {
        return i >= 0 && i < tokens.size() && tokens.get(i).isSymbol(symbol);
    }

    boolean isName(int i) {
        if (i < 0 || i >= tokens.size()) {
            return false;
        }
        Kind kind = tokens.get(i).kind();
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    String upperOrEmpty(int i) {
        return tokens.get(i).kind() == Kind.WORD ? upper(tokens.get(i)) : "";
    }

    static String upper(SqlToken t) {
        return t.text().toUpperCase(Locale.ROOT);
    }

    static String renderName(SqlToken t) {
        return t.kind() == Kind.QUOTED_IDENTIFIER ? t.text() : t.text().toUpperCase(Locale.ROOT);
    }

    String render(SqlToken t) {
        return t.kind() == Kind.WORD ? upper(t) : t.text();
    }

    String render(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            out.append(render(tokens.get(i)));
        }
        return out.toString();
    }

    SqlException unsupported(String construct, SqlToken at) {
        return SqlException.unsupported(construct, at.line(), statement);
    }

    Kind kindAt(int i) {
        return i < 0 || i >= tokens.size() ? null : tokens.get(i).kind();
    }

    static String unquoted(String literal) {
        return literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")
                ? literal.substring(1, literal.length() - 1).replace("''", "'") : literal;
    }
}
