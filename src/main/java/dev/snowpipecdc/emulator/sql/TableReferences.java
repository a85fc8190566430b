package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlToken.Kind;

import static dev.snowpipecdc.emulator.sql.SqlNames.name;
import static dev.snowpipecdc.emulator.sql.SqlNames.quote;

/**
 * What stands where a table may: table names (streams become their change rows, WITH names shadow them),
 * {@code VALUES} lists with Snowflake's column names, table functions and FLATTEN.
 */
final class TableReferences extends TranslatorPart {

    static final Set<String> TABLE_POSITION_KEYWORDS = Set.of("FROM", "JOIN", "USING");

    static final Set<String> FROM_CLAUSE_ENDS = Set.of("WHERE", "GROUP", "HAVING", "QUALIFY", "ORDER",
            "LIMIT", "UNION", "EXCEPT", "INTERSECT", "MINUS", "ON", "WINDOW", "SET", "WHEN", "SELECT", "VALUES");

    /** Names the statement defines in WITH: they shadow streams of the same name. */
    private final Set<String> cteNames = new HashSet<>();

    TableReferences(SnowflakeSqlTranslator translator, TranslationContext context) {
        super(translator, context);
    }

    /** WITH a AS (...), b AS (...): a and b are not streams here, whatever the catalog says. */
    void collectCteNames() {
        for (int i = 0; i < tokens.size(); i++) {
            int prev = previousMeaningful(i, 0);
            if (isName(i) && prev >= 0 && (tokens.get(prev).isWord("WITH") || tokens.get(prev).isWord("RECURSIVE")
                    || (tokens.get(prev).isSymbol(",") && isWord(meaningful(i + 1), "AS")))
                    && isWord(meaningful(i + 1), "AS") && isSymbolAt(meaningful(meaningful(i + 1) + 1), "(")) {
                cteNames.add(name(tokens.get(i)));
            }
        }
    }

    /** A (qualified) table name in a FROM/JOIN/USING position; streams become their change rows. */
    int tableReference(int i, int to, StringBuilder out) throws SQLException {
        List<String> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int j = i;
        while (true) {
            parts.add(name(tokens.get(j)));
            text.append(renderName(tokens.get(j)));
            int dot = meaningful(j + 1);
            if (dot >= 0 && dot < to && tokens.get(dot).isSymbol(".") && isName(meaningful(dot + 1))) {
                text.append('.');
                j = meaningful(dot + 1);
            } else {
                break;
            }
        }
        Optional<String> replacement = parts.size() == 1 && cteNames.contains(parts.get(0)) ? Optional.empty()
                : context.tableReference(parts);
        if (replacement.isPresent()) {
            out.append(replacement.get());
            // keep the name as the alias when the statement gives none, so that stream.col still resolves
            int next = meaningful(j + 1);
            boolean aliased = next >= 0 && next < to && (isWord(next, "AS")
                    || (tokens.get(next).kind() == Kind.WORD && !isClauseWord(upper(tokens.get(next))))
                    || tokens.get(next).kind() == Kind.QUOTED_IDENTIFIER);
            if (!aliased) {
                out.append(" AS ").append(quote(parts.get(parts.size() - 1)));
            }
        } else {
            out.append(text);
        }
        return j + 1;
    }

    /**
     * {@code VALUES (...), (...) [[AS] alias [(names)]]} in a FROM list: DuckDB wants it in parentheses, and
     * Snowflake names its columns COLUMN1, COLUMN2, ... unless the alias names them.
     */
    int valuesTable(int valuesWord, int to, StringBuilder out) throws SQLException {
        int open = meaningful(valuesWord + 1);
        int last = matchParen(open);
        while (true) {
            int comma = meaningful(last + 1);
            if (comma >= 0 && comma < to && tokens.get(comma).isSymbol(",")
                    && isSymbolAt(meaningful(comma + 1), "(")) {
                last = matchParen(meaningful(comma + 1));
            } else {
                break;
            }
        }
        return values(open, last, last + 1, to, out);
    }

    /** The rows from the '(' at {@code open} to the ')' at {@code last}, then the alias from {@code after}. */
    int values(int open, int last, int after, int to, StringBuilder out) throws SQLException {
        int columns = argumentRanges(open, matchParen(open)).size();
        String rows = rewrite(open, last + 1);
        int next = meaningful(after);
        String alias = "__VALUES";
        if (next >= 0 && next < to && isWord(next, "AS")) {
            next = meaningful(next + 1);
        }
        if (next >= 0 && next < to && isName(next) && !isClauseWord(upperOrEmpty(next))
                && !isWord(next, "AS")) {
            alias = name(tokens.get(next));
            next = meaningful(next + 1);
        } else {
            next = meaningful(after);
        }
        List<String> names = new ArrayList<>();
        if (next >= 0 && next < to && isSymbolAt(next, "(") && !alias.equals("__VALUES")) {
            int close = matchParen(next);
            for (int[] range : argumentRanges(next, close)) {
                names.add(quote(name(tokens.get(meaningful(range[0])))));
            }
            next = meaningful(close + 1);
        } else {
            for (int c = 1; c <= columns; c++) {
                names.add(quote("COLUMN" + c));
            }
        }
        out.append("(VALUES ").append(rows.strip()).append(") AS ").append(quote(alias)).append('(')
                .append(String.join(", ", names)).append(") ");
        return next < 0 ? to : Math.min(next, to);
    }

    /** TABLE(name(args)) */
    int tableFunction(int tableWord, StringBuilder out) throws SQLException {
        int open = meaningful(tableWord + 1);
        int close = matchParen(open);
        int nameStart = meaningful(open + 1);
        List<String> parts = new ArrayList<>();
        int j = nameStart;
        while (j >= 0 && isName(j)) {
            parts.add(name(tokens.get(j)));
            int next = meaningful(j + 1);
            if (next >= 0 && tokens.get(next).isSymbol(".")) {
                j = meaningful(next + 1);
            } else {
                j = next;
                break;
            }
        }
        if (j < 0 || !tokens.get(j).isSymbol("(")) {
            throw unsupported("TABLE(...) over anything but a table function", tokens.get(tableWord));
        }
        int argsClose = matchParen(j);
        if (parts.equals(List.of("FLATTEN"))) {
            out.append(flatten(j));
            return close + 1;
        }
        List<TranslationContext.Argument> args = new ArrayList<>();
        for (int[] range : argumentRanges(j, argsClose)) {
            int a = meaningful(range[0]);
            if (a >= 0 && a < range[1] && isName(a) && isSymbolAt(meaningful(a + 1), "=>")) {
                args.add(new TranslationContext.Argument(Optional.of(name(tokens.get(a))),
                        rewrite(meaningful(a + 1) + 1, range[1]).strip()));
            } else if (a >= 0 && a < range[1]) {
                args.add(new TranslationContext.Argument(Optional.empty(), rewrite(range[0], range[1]).strip()));
            }
        }
        Optional<String> replacement = context.tableFunction(parts, args);
        if (replacement.isEmpty()) {
            throw unsupported("the table function " + String.join(".", parts), tokens.get(tableWord));
        }
        out.append(replacement.get());
        return close + 1;
    }

    /** FLATTEN's arguments (from its '(' at {@code open}) as the subquery that gives its rows (Flatten). */
    String flatten(int open) throws SQLException {
        int close = matchParen(open);
        String input = null;
        Optional<String> path = Optional.empty();
        boolean outer = false;
        boolean recursive = false;
        String mode = "BOTH";
        for (int[] range : argumentRanges(open, close)) {
            int a = meaningful(range[0]);
            if (a < 0 || a >= range[1]) {
                continue;
            }
            boolean named = isName(a) && isSymbolAt(meaningful(a + 1), "=>");
            String name = named ? name(tokens.get(a)) : "INPUT";
            String value = rewrite(named ? meaningful(a + 1) + 1 : range[0], range[1]).strip();
            switch (name) {
                case "INPUT" -> input = value;
                case "PATH" -> path = Optional.of(unquoted(value));
                case "OUTER" -> outer = value.equalsIgnoreCase("TRUE");
                case "RECURSIVE" -> recursive = value.equalsIgnoreCase("TRUE");
                case "MODE" -> mode = unquoted(value);
                default -> throw unsupported("FLATTEN's argument " + name, tokens.get(a));
            }
        }
        if (input == null) {
            throw unsupported("FLATTEN without INPUT", tokens.get(open));
        }
        return Flatten.subquery(input, path, outer, recursive, mode);
    }

    static boolean isClauseWord(String word) {
        return FROM_CLAUSE_ENDS.contains(word) || Set.of("JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS",
                "NATURAL", "USING", "ASOF", "POSITIONAL", "LATERAL", "SEMI", "ANTI").contains(word);
    }
}
