package dev.snowpipecdc.emulator.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlToken.Kind;

/**
 * The names Snowflake gives the columns of a select list that has no alias for them: an expression's column is named
 * after the expression as written, upper-cased ({@code iff(x > 1, 'a', 'b')} is {@code IFF(X > 1, 'A', 'B')},
 * {@code src:a.b} is {@code SRC:A.B}), where DuckDB would name it after its own rewritten form. A bare or qualified
 * column keeps its name, {@code *} its columns, an aliased item its alias. The labels are keyed by the index of the
 * token that ends each item (its ',' or the word or ')' after the list), where the translator adds {@code AS label}.
 */
final class SelectLabels {

    private static final Set<String> LIST_ENDS = Set.of("FROM", "WHERE", "GROUP", "HAVING", "QUALIFY", "ORDER",
            "LIMIT", "UNION", "EXCEPT", "INTERSECT", "MINUS", "INTO", "WINDOW", "OFFSET", "FETCH");
    /** Words that end an expression rather than name its column. */
    private static final Set<String> NOT_AN_ALIAS = Set.of("END", "NULL", "TRUE", "FALSE", "NULLS", "FIRST",
            "LAST", "ROW", "ROWS", "PRECEDING", "FOLLOWING", "UNBOUNDED", "CURRENT_DATE", "CURRENT_TIME",
            "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP");
    /** Words after which the next word is an operand, not an alias. */
    private static final Set<String> OPERATOR_WORDS = Set.of("AND", "OR", "NOT", "IS", "IN", "LIKE", "ILIKE",
            "RLIKE", "REGEXP", "BETWEEN", "THEN", "ELSE", "WHEN", "CASE", "DISTINCT", "BY", "ON", "OVER", "ESCAPE",
            "INTERVAL", "EXISTS", "ANY", "ALL", "SOME", "SIMILAR", "TO", "AT", "ZONE", "SELECT");

    private SelectLabels() {
    }

    /** Token index of each unaliased expression item's end → the label Snowflake gives its column. */
    static Map<Integer, String> of(List<SqlToken> tokens) {
        Map<Integer, String> labels = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isWord("SELECT")) {
                list(tokens, i + 1, labels);
            }
        }
        return labels;
    }

    private static void list(List<SqlToken> tokens, int from, Map<Integer, String> labels) {
        int start = skipPrefix(tokens, from);
        int depth = 0;
        SqlToken previous = null;
        for (int j = start; j <= tokens.size(); j++) {
            SqlToken t = j < tokens.size() ? tokens.get(j) : null;
            // x IS [NOT] DISTINCT FROM y: that FROM belongs to the expression
            boolean ends = t == null || depth == 0 && (t.isSymbol(",") || t.isSymbol(")") || t.isSymbol(";")
                    || t.kind() == Kind.WORD && LIST_ENDS.contains(t.text().toUpperCase(Locale.ROOT))
                    && !(t.isWord("FROM") && previous != null && previous.isWord("DISTINCT"))
                    // ... WITHIN GROUP (ORDER BY x): that GROUP belongs to the aggregate
                    && !(t.isWord("GROUP") && previous != null && previous.isWord("WITHIN")));
            if (t != null && !t.isTrivia()) {
                previous = t;
            }
            if (ends) {
                int end = j;
                label(tokens, start, end).ifPresent(label -> labels.put(end, label));
                if (t == null || !t.isSymbol(",")) {
                    return;
                }
                start = j + 1;
                continue;
            }
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            }
        }
    }

    /** After SELECT: ALL, DISTINCT, TOP n. */
    private static int skipPrefix(List<SqlToken> tokens, int from) {
        int i = next(tokens, from);
        while (i < tokens.size() && (tokens.get(i).isWord("DISTINCT") || tokens.get(i).isWord("ALL"))) {
            i = next(tokens, i + 1);
        }
        if (i < tokens.size() && tokens.get(i).isWord("TOP")) {
            i = next(tokens, next(tokens, i + 1) + 1);
        }
        return i;
    }

    private static Optional<String> label(List<SqlToken> tokens, int start, int end) {
        List<SqlToken> item = new ArrayList<>();
        for (int k = start; k < end && k < tokens.size(); k++) {
            if (!tokens.get(k).isTrivia()) {
                item.add(tokens.get(k));
            }
        }
        if (item.isEmpty() || hasAlias(item)) {
            return Optional.empty();
        }
        if (isColumn(item)) {
            // seq.NEXTVAL is a column as Snowflake names it, but not to DuckDB, which calls nextval('seq')
            SqlToken last = item.get(item.size() - 1);
            return item.size() > 1 && last.isWord("NEXTVAL") ? Optional.of("NEXTVAL")
                    : java.util.Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (int k = start; k < end; k++) {
            SqlToken t = tokens.get(k);
            text.append(t.isTrivia() ? " " : t.text());
        }
        return Optional.of(text.toString().replaceAll("\\s+", " ").strip().toUpperCase(Locale.ROOT));
    }

    /** A name, a qualified name, *, or t.*: DuckDB names these as Snowflake does. */
    private static boolean isColumn(List<SqlToken> item) {
        for (int k = 0; k < item.size(); k++) {
            SqlToken t = item.get(k);
            boolean namePlace = k % 2 == 0;
            if (namePlace && !(isName(t) || t.isSymbol("*") && k == item.size() - 1)) {
                return false;
            }
            if (!namePlace && !t.isSymbol(".")) {
                return false;
            }
        }
        return item.size() % 2 == 1 && !isKeywordValue(item.get(0), item.size());
    }

    private static boolean isKeywordValue(SqlToken first, int size) {
        return size == 1 && first.kind() == Kind.WORD && NOT_AN_ALIAS.contains(first.text().toUpperCase(Locale.ROOT));
    }

    private static boolean hasAlias(List<SqlToken> item) {
        if (item.size() < 2) {
            return false;
        }
        SqlToken last = item.get(item.size() - 1);
        SqlToken before = item.get(item.size() - 2);
        if (!isName(last) || last.kind() == Kind.WORD && NOT_AN_ALIAS.contains(last.text().toUpperCase(Locale.ROOT))) {
            return false;
        }
        if (before.isWord("AS")) {
            return true;
        }
        return before.isSymbol(")") || before.kind() == Kind.STRING || before.kind() == Kind.NUMBER
                || before.kind() == Kind.QUOTED_IDENTIFIER
                || before.kind() == Kind.WORD && !OPERATOR_WORDS.contains(before.text().toUpperCase(Locale.ROOT));
    }

    private static boolean isName(SqlToken t) {
        return t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENTIFIER;
    }

    private static int next(List<SqlToken> tokens, int from) {
        int i = from;
        while (i < tokens.size() && tokens.get(i).isTrivia()) {
            i++;
        }
        return i;
    }
}
