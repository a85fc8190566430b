package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlToken.Kind;

import static dev.snowpipecdc.emulator.sql.SqlNames.name;
import static dev.snowpipecdc.emulator.sql.SqlNames.unescape;

/**
 * VARIANT operands: {@code col:a.b[0]}, {@code col['k']}, a path on a call's result, FLATTEN's VALUE and THIS,
 * and a {@code ::TYPE} after them, as DuckDB JSON extraction.
 */
final class VariantPaths extends TranslatorPart {

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=");

    private Set<String> flattenAliases = Set.of();

    VariantPaths(SnowflakeSqlTranslator translator, TranslationContext context) {
        super(translator, context);
    }

    /** When tokens [from, to) are exactly one VARIANT path operand: its value extracted as text. */
    Optional<String> pathAsText(int from, int to) throws SQLException {
        int first = meaningful(from);
        if (first < 0 || first >= to || !isName(first)) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        int end = operand(first, to, out, true);
        int rest = meaningful(end);
        if ((rest >= 0 && rest < to) || !out.toString().startsWith("(") || !out.toString().contains("->>")) {
            return Optional.empty();
        }
        return Optional.of(out.toString());
    }

    /**
     * An identifier, maybe qualified, maybe followed by a VARIANT path ({@code :a.b}, {@code [0]}, {@code ['k']})
     * and a {@code ::TYPE} cast.
     */
    int operand(int i, int to, StringBuilder out) throws SQLException {
        return operand(i, to, out, false);
    }

    /** @param asText extract the path's value as text (for a cast to a scalar, or a comparison with a string) */
    int operand(int i, int to, StringBuilder out, boolean asText) throws SQLException {
        StringBuilder base = new StringBuilder(renderName(tokens.get(i)));
        int j = i;
        while (true) {
            int dot = meaningful(j + 1);
            if (dot >= 0 && dot < to && tokens.get(dot).isSymbol(".") && isName(meaningful(dot + 1))) {
                j = meaningful(dot + 1);
                base.append('.').append(renderName(tokens.get(j)));
            } else {
                break;
            }
        }
        boolean hasPath = j + 1 < to && (tokens.get(j + 1).isSymbol(":") || tokens.get(j + 1).isSymbol("["));
        int cast = meaningful(j + 1);
        if (!hasPath && !isFlattenVariant(i, j) && cast >= 0 && cast < to && tokens.get(cast).isSymbol("::")) {
            int[] end = new int[1];
            String duckType = type(meaningful(cast + 1), end);
            if (duckType.equals("VARCHAR")) {
                // a VARIANT column's string is its text, without the quotes of its JSON
                out.append(FunctionCalls.text(base.toString()));
                return end[0] + 1;
            }
        }
        if (!isFlattenVariant(i, j) && !hasPath) {
            out.append(base);
            return j + 1;
        }
        return path(base, i, j + 1, to, out, asText);
    }

    /**
     * The path after {@code base} (a column, or a call's result) from token {@code k}: {@code :a.b}, {@code ['k']},
     * {@code [0]}, then an optional {@code ::TYPE}, as JSON extraction. {@code first} is the base's first token.
     */
    int path(StringBuilder base, int first, int k, int to, StringBuilder out, boolean asText)
            throws SQLException {
        int i = first;
        int j = k - 1;
        StringBuilder path = new StringBuilder();
        // a path sticks to its column: col:a.b, col['k'], col[0]
        if (k < to && tokens.get(k).isSymbol(":") && k + 1 < to && isName(k + 1)) {
            path.append(pathKey(tokens.get(k + 1)));
            k += 2;
            while (k < to) {
                if (tokens.get(k).isSymbol(".") && k + 1 < to && isName(k + 1)) {
                    path.append(pathKey(tokens.get(k + 1)));
                    k += 2;
                } else if (tokens.get(k).isSymbol("[")) {
                    k = bracket(k, path);
                } else {
                    break;
                }
            }
        } else if (k < to && tokens.get(k).isSymbol("[")) {
            while (k < to && tokens.get(k).isSymbol("[")) {
                k = bracket(k, path);
            }
        }
        if (path.length() == 0 && !(isName(i) && isName(j) && isFlattenVariant(i, j)
                && isSymbolAt(meaningful(j + 1), "::"))) {
            out.append(base);
            return j + 1;
        }
        // a path, or FLATTEN's VALUE or THIS (VARIANTs) cast to a type: the JSON value, or its text
        String json = path.length() == 0 ? base.toString() : base + " -> '$" + path.toString().replace("'", "''") + "'";
        String text = base + " ->> '$" + path.toString().replace("'", "''") + "'";
        int cast = meaningful(k);
        if (cast >= 0 && cast < to && tokens.get(cast).isSymbol("::")) {
            int typeStart = meaningful(cast + 1);
            String snowflakeType = upper(tokens.get(typeStart));
            int[] end = new int[1];
            String duckType = type(typeStart, end);
            if (Set.of("VARIANT", "OBJECT", "ARRAY").contains(snowflakeType)) {
                out.append('(').append(json).append(')');
            } else if (duckType.equals("VARCHAR")) {
                out.append('(').append(text).append(')');
            } else {
                out.append("CAST(").append(text).append(" AS ").append(duckType).append(')');
            }
            return end[0] + 1;
        }
        // v:name = 'Ann' compares the value, as Snowflake does, not the JSON text
        int next = meaningful(k);
        int previous = previousMeaningful(i, 0);
        boolean comparedWithString = (next >= 0 && next < to && isComparison(next)
                && kindAt(meaningful(next + 1)) == Kind.STRING)
                || (previous >= 0 && isComparison(previous) && kindAt(previousMeaningful(previous, 0)) == Kind.STRING);
        out.append('(').append(asText || comparedWithString ? text : json).append(')');
        return k;
    }

    boolean isComparison(int i) {
        SqlToken t = tokens.get(i);
        return (t.kind() == Kind.SYMBOL && COMPARISONS.contains(t.text())) || t.isWord("LIKE") || t.isWord("ILIKE");
    }

    /** {@code [0]} or {@code ['key']} appended to a JSON path; returns the index after ']'. */
    int bracket(int open, StringBuilder path) throws SQLException {
        int inner = meaningful(open + 1);
        int close = meaningful(inner + 1);
        if (close < 0 || !tokens.get(close).isSymbol("]")) {
            throw unsupported("a computed VARIANT index", tokens.get(open));
        }
        SqlToken key = tokens.get(inner);
        if (key.kind() == Kind.NUMBER) {
            path.append('[').append(key.text()).append(']');
        } else if (key.kind() == Kind.STRING) {
            path.append(".\"").append(unescape(key).replace("\"", "\\\"")).append('"');
        } else {
            throw unsupported("a computed VARIANT index", key);
        }
        return close + 1;
    }

    static String pathKey(SqlToken key) {
        String name = key.kind() == Kind.QUOTED_IDENTIFIER ? key.text().substring(1, key.text().length() - 1)
                .replace("\"\"", "\"") : key.text();
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + name : ".\"" + name.replace("\"", "\\\"") + "\"";
    }

    /**
     * Whether the (qualified) name in tokens [i, j] is FLATTEN's VALUE or THIS: {@code alias.VALUE} of a FLATTEN's
     * alias, or a bare VALUE or THIS in a statement that flattens.
     */
    boolean isFlattenVariant(int i, int j) {
        String column = name(tokens.get(j));
        if (!column.equals("VALUE") && !column.equals("THIS")) {
            return false;
        }
        if (i == j) {
            return !flattenAliases.isEmpty();
        }
        int dot = previousMeaningful(j, i);
        int alias = dot >= 0 ? previousMeaningful(dot, i - 1) : -1;
        return alias == i && flattenAliases.contains(name(tokens.get(i)));
    }

    /** The aliases of the statement's FLATTENs ("" for one without), so that their VALUE is read as a VARIANT. */
    void readFlattenAliases() throws SQLException {
        Set<String> aliases = new java.util.HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isWord("FLATTEN") || !isSymbolAt(meaningful(i + 1), "(")) {
                continue;
            }
            int close = matchParen(meaningful(i + 1));
            int before = previousMeaningful(i, 0);
            if (before >= 0 && tokens.get(before).isSymbol("(") && isWord(previousMeaningful(before, 0), "TABLE")) {
                close = matchParen(before);
            }
            int alias = meaningful(close + 1);
            if (isWord(alias, "AS")) {
                alias = meaningful(alias + 1);
            }
            aliases.add(alias >= 0 && isName(alias) && !TableReferences.isClauseWord(upperOrEmpty(alias))
                    && !isWord(alias, "ON") ? name(tokens.get(alias)) : "");
        }
        flattenAliases = aliases;
    }
}
