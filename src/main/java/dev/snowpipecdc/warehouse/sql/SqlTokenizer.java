package dev.snowpipecdc.warehouse.sql;

import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;

import dev.snowpipecdc.warehouse.sql.SqlToken.Kind;

/**
 * Splits Snowflake SQL into tokens. It knows single-quoted strings (with '' and backslash escapes), dollar-quoted
 * strings ($$...$$), double-quoted identifiers, and the three comment styles (--, //, /* *&#47;), so that nothing
 * inside a string or comment is ever mistaken for SQL.
 */
public final class SqlTokenizer {

    private static final String[] MULTI_CHAR_SYMBOLS = {"->>", "::", "||", "<=", ">=", "<>", "!=", "=>", "->"};

    private final String sql;
    private int pos;
    private int line = 1;

    /** Standard SQL strings (DuckDB's): a backslash is a character like any other, only '' escapes. */
    private boolean standardStrings;

    private SqlTokenizer(String sql) {
        this.sql = sql;
    }

    public static List<SqlToken> tokenize(String sql) throws SQLSyntaxErrorException {
        return new SqlTokenizer(sql).run();
    }

    /** Tokens of SQL written for DuckDB (standard strings: no backslash escapes), as the emulator translates to. */
    public static List<SqlToken> tokenizeStandard(String sql) throws SQLSyntaxErrorException {
        SqlTokenizer tokenizer = new SqlTokenizer(sql);
        tokenizer.standardStrings = true;
        return tokenizer.run();
    }

    /**
     * Splits a script into statements at top-level semicolons; empty statements are left out. Semicolons inside a
     * Snowflake Scripting block ({@code BEGIN ... END}, as in a task body) do not split: {@code BEGIN} opens a block
     * unless it is the transaction statement ({@code BEGIN;}, {@code BEGIN TRANSACTION}, {@code BEGIN WORK}), and
     * {@code CASE ... END} is counted so that its END does not close the block.
     */
    public static List<List<SqlToken>> statements(String sql) throws SQLSyntaxErrorException {
        List<SqlToken> tokens = tokenize(sql);
        List<List<SqlToken>> statements = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.isWord("BEGIN") && opensBlock(tokens, i) || token.isWord("CASE")) {
                depth++;
            } else if (token.isWord("END") && depth > 0) {
                depth--;
            }
            if (token.isSymbol(";") && depth == 0) {
                addIfMeaningful(statements, current);
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        addIfMeaningful(statements, current);
        return statements;
    }

    private static boolean opensBlock(List<SqlToken> tokens, int begin) {
        for (int j = begin + 1; j < tokens.size(); j++) {
            SqlToken next = tokens.get(j);
            if (!next.isTrivia()) {
                return !(next.isSymbol(";") || next.isWord("TRANSACTION") || next.isWord("WORK")
                        || next.isWord("NAME"));
            }
        }
        return false;
    }

    private static void addIfMeaningful(List<List<SqlToken>> statements, List<SqlToken> statement) {
        if (statement.stream().anyMatch(t -> !t.isTrivia())) {
            statements.add(statement);
        }
    }

    private List<SqlToken> run() throws SQLSyntaxErrorException {
        List<SqlToken> tokens = new ArrayList<>();
        while (pos < sql.length()) {
            int startLine = line;
            int start = pos;
            Kind kind = next();
            String text = sql.substring(start, pos);
            tokens.add(new SqlToken(kind, text, startLine));
            line += countNewlines(text);
        }
        return tokens;
    }

    private Kind next() throws SQLSyntaxErrorException {
        char c = sql.charAt(pos);
        if (Character.isWhitespace(c)) {
            while (pos < sql.length() && Character.isWhitespace(sql.charAt(pos))) {
                pos++;
            }
            return Kind.WHITESPACE;
        }
        if (startsWith("--") || startsWith("//")) {
            int end = sql.indexOf('\n', pos);
            pos = end < 0 ? sql.length() : end;
            return Kind.COMMENT;
        }
        if (startsWith("/*")) {
            pos = closingIndex("*/", "comment") + 2;
            return Kind.COMMENT;
        }
        if (c == '\'') {
            readQuoted('\'', !standardStrings, "string");
            return Kind.STRING;
        }
        if (startsWith("$$")) {
            pos = closingIndex("$$", "$$ string") + 2;
            return Kind.STRING;
        }
        if (c == '"') {
            readQuoted('"', false, "quoted identifier");
            return Kind.QUOTED_IDENTIFIER;
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1)))) {
            readNumber();
            return Kind.NUMBER;
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < sql.length() && isWordPart(sql.charAt(pos))) {
                pos++;
            }
            return Kind.WORD;
        }
        for (String symbol : MULTI_CHAR_SYMBOLS) {
            if (startsWith(symbol)) {
                pos += symbol.length();
                return Kind.SYMBOL;
            }
        }
        pos++;
        return Kind.SYMBOL;
    }

    private static boolean isWordPart(char c) {
        // '$' belongs to words: METADATA$ACTION, SYSTEM$STREAM_HAS_DATA
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /**
     * Reads a quoted token: a doubled quote stands for itself; in strings (not in identifiers) a backslash escapes
     * the next character.
     */
    private void readQuoted(char quote, boolean backslashEscapes, String what) throws SQLSyntaxErrorException {
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == quote && pos + 1 < sql.length() && sql.charAt(pos + 1) == quote) {
                pos += 2;
            } else {
                pos++;
                if (c == quote) {
                    return;
                }
            }
        }
        throw unterminated(what);
    }

    private void readNumber() {
        while (pos < sql.length() && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int save = pos++;
            if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
    }

    private boolean startsWith(String s) {
        return sql.startsWith(s, pos);
    }

    private int closingIndex(String closing, String what) throws SQLSyntaxErrorException {
        int end = sql.indexOf(closing, pos + 2);
        if (end < 0) {
            throw unterminated(what);
        }
        return end;
    }

    private SQLSyntaxErrorException unterminated(String what) {
        // 'line' is still the line of the token being read: it advances only once a token is complete
        return new SQLSyntaxErrorException("Unterminated " + what + " starting at line " + line);
    }

    private static int countNewlines(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
