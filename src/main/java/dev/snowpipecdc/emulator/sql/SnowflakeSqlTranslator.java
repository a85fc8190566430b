package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlToken.Kind;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;

/**
 * Rewrites one Snowflake statement into DuckDB SQL, token by token.
 *
 * <p>What it does today: unquoted identifiers are upper-cased (Snowflake's rule, so that names created here match
 * the upper-case names the ingest SDK sends); data types in column definitions and after {@code ::} are mapped by
 * {@link SnowflakeTypes}; column {@code COMMENT '...'} clauses are dropped. Everything else passes through
 * unchanged. Constructs that would silently mean something else in DuckDB fail with {@link SqlException}.
 */
public final class SnowflakeSqlTranslator {

    private static final Set<String> TABLE_MODIFIERS = Set.of("TRANSIENT", "TEMPORARY", "TEMP", "LOCAL", "GLOBAL",
            "VOLATILE");
    private static final Set<String> TABLE_CONSTRAINTS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN",
            "CHECK");
    private static final Set<String> NOT_YET_SUPPORTED_COLUMN_OPTIONS = Set.of("AUTOINCREMENT", "IDENTITY");

    private final List<SqlToken> tokens;
    private final String[] out;
    private final String statement;

    private SnowflakeSqlTranslator(String statement) throws SQLException {
        this.statement = statement;
        this.tokens = SqlTokenizer.tokenize(statement);
        this.out = new String[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            out[i] = t.kind() == Kind.WORD ? t.text().toUpperCase(Locale.ROOT) : t.text();
        }
    }

    public static String translate(String statement) throws SQLException {
        return new SnowflakeSqlTranslator(statement).run();
    }

    private String run() throws SQLException {
        int columnList = createTableColumnList();
        if (columnList >= 0) {
            translateColumnDefinitions(columnList);
        }
        translateCasts();
        return String.join("", out);
    }

    /** Index of the '(' opening the column list of a CREATE TABLE, or -1 when this is not one. */
    private int createTableColumnList() {
        int i = meaningful(0);
        if (!isWord(i, "CREATE")) {
            return -1;
        }
        i = meaningful(i + 1);
        if (isWord(i, "OR")) {
            i = meaningful(meaningful(i + 1) + 1);
        }
        while (i >= 0 && tokens.get(i).kind() == Kind.WORD
                && TABLE_MODIFIERS.contains(tokens.get(i).text().toUpperCase(Locale.ROOT))) {
            i = meaningful(i + 1);
        }
        if (!isWord(i, "TABLE")) {
            return -1;
        }
        i = meaningful(i + 1);
        if (isWord(i, "IF")) {
            i = meaningful(meaningful(meaningful(i + 1) + 1) + 1);
        }
        // the (possibly qualified) table name
        while (i >= 0 && !tokens.get(i).isSymbol("(")) {
            if (!isName(i) && !tokens.get(i).isSymbol(".")) {
                return -1;
            }
            i = meaningful(i + 1);
        }
        return i;
    }

    private void translateColumnDefinitions(int open) throws SQLException {
        int i = meaningful(open + 1);
        while (i >= 0 && !tokens.get(i).isSymbol(")")) {
            if (tokens.get(i).kind() == Kind.WORD
                    && TABLE_CONSTRAINTS.contains(tokens.get(i).text().toUpperCase(Locale.ROOT))) {
                i = skipElement(i);
            } else {
                int typeStart = meaningful(i + 1);
                int afterType = translateType(typeStart);
                i = translateColumnOptions(afterType);
            }
            if (i >= 0 && tokens.get(i).isSymbol(",")) {
                i = meaningful(i + 1);
            }
        }
    }

    /** Rewrites column options up to the ',' or ')' that ends the column; returns that index. */
    private int translateColumnOptions(int i) throws SQLException {
        int depth = 0;
        while (i >= 0) {
            SqlToken t = tokens.get(i);
            if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")"))) {
                return i;
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (t.isWord("COMMENT")) {
                int value = meaningful(i + 1);
                blank(i, value);
                i = value;
            } else if (t.kind() == Kind.WORD
                    && NOT_YET_SUPPORTED_COLUMN_OPTIONS.contains(t.text().toUpperCase(Locale.ROOT))) {
                throw SqlException.unsupported(t.text().toUpperCase(Locale.ROOT) + " columns", t.line(), statement);
            }
            i = meaningful(i + 1);
        }
        return -1;
    }

    private int skipElement(int i) {
        int depth = 0;
        while (i >= 0) {
            SqlToken t = tokens.get(i);
            if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")"))) {
                return i;
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            i = meaningful(i + 1);
        }
        return -1;
    }

    private void translateCasts() throws SQLException {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol("::")) {
                translateType(meaningful(i + 1));
            }
        }
    }

    /**
     * Replaces the type starting at {@code start} (its name words and any parenthesised arguments) with the DuckDB
     * type; returns the index of the first meaningful token after it.
     */
    private int translateType(int start) throws SQLException {
        if (start < 0 || tokens.get(start).kind() != Kind.WORD) {
            int line = start < 0 ? 1 : tokens.get(start).line();
            throw new SqlException("Expected a data type at line " + line + " in statement: " + statement.strip(),
                    null);
        }
        int end = start;
        String name = tokens.get(start).text();
        if (SnowflakeTypes.startsMultiWordType(name)) {
            // take the longest run of words that still names a type: DOUBLE PRECISION, TIMESTAMP WITH TIME ZONE
            StringBuilder words = new StringBuilder(name);
            int j = meaningful(start + 1);
            while (j >= 0 && tokens.get(j).kind() == Kind.WORD) {
                words.append(' ').append(tokens.get(j).text());
                if (SnowflakeTypes.toDuckDb(words.toString(), List.of()).isPresent()) {
                    name = words.toString();
                    end = j;
                } else if (!isTypeWordPrefix(words.toString())) {
                    break;
                }
                j = meaningful(j + 1);
            }
        }
        List<String> args = new ArrayList<>();
        int next = meaningful(end + 1);
        if (next >= 0 && tokens.get(next).isSymbol("(")) {
            StringBuilder arg = new StringBuilder();
            int j = meaningful(next + 1);
            while (j >= 0 && !tokens.get(j).isSymbol(")")) {
                if (tokens.get(j).isSymbol(",")) {
                    args.add(arg.toString());
                    arg.setLength(0);
                } else {
                    arg.append(tokens.get(j).text());
                }
                j = meaningful(j + 1);
            }
            args.add(arg.toString());
            end = j;
            next = meaningful(j + 1);
        }
        String typeName = name;
        SqlToken first = tokens.get(start);
        String duckType = SnowflakeTypes.toDuckDb(typeName, args)
                .orElseThrow(() -> SqlException.unsupported("the data type " + typeName.toUpperCase(Locale.ROOT),
                        first.line(), statement));
        blank(start, end);
        out[start] = duckType;
        return next;
    }

    private static boolean isTypeWordPrefix(String words) {
        String w = words.toUpperCase(Locale.ROOT);
        return w.equals("TIMESTAMP WITH") || w.equals("TIMESTAMP WITH LOCAL") || w.equals("TIMESTAMP WITH LOCAL TIME")
                || w.equals("TIMESTAMP WITH TIME") || w.equals("TIMESTAMP WITHOUT")
                || w.equals("TIMESTAMP WITHOUT TIME");
    }

    private void blank(int from, int to) {
        for (int k = from; k <= to; k++) {
            out[k] = "";
        }
    }

    private int meaningful(int from) {
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

    private boolean isWord(int i, String word) {
        return i >= 0 && tokens.get(i).isWord(word);
    }

    private boolean isName(int i) {
        Kind kind = tokens.get(i).kind();
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    /** @return the statement's first keyword, upper-cased, if it has one */
    public static Optional<String> firstKeyword(String statement) throws SQLException {
        return SqlTokenizer.tokenize(statement).stream()
                .filter(t -> !t.isTrivia())
                .findFirst()
                .filter(t -> t.kind() == Kind.WORD)
                .map(t -> t.text().toUpperCase(Locale.ROOT));
    }
}
