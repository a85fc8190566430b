package dev.snowpipecdc.emulator.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlToken.Kind;

/**
 * Snowflake spellings that DuckDB writes otherwise and that need no more than the tokens to rewrite, done before the
 * statement is translated: {@code LAG(x) IGNORE NULLS OVER (...)} is {@code LAG(x IGNORE NULLS) OVER (...)};
 * {@code CREATE SEQUENCE s START = 1 INCREMENT = 5} is {@code START 1 INCREMENT 5}; {@code s.NEXTVAL} is
 * {@code nextval('s')}; MERGE's {@code UPDATE ALL BY NAME} is {@code UPDATE BY NAME}.
 */
final class TokenRewrites {

    /** A token and the index of the token it comes from in the statement as written (-1: added here). */
    record Placed(SqlToken token, int origin) {
    }

    private TokenRewrites() {
    }

    /** The rewritten tokens, each with where it comes from. */
    static List<Placed> apply(List<SqlToken> written) {
        List<Placed> tokens = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            tokens.add(new Placed(written.get(i), i));
        }
        return nextval(sequenceOptions(allByName(nullTreatmentInsideCalls(tokens))));
    }

    /** MERGE's {@code UPDATE ALL BY NAME} and {@code INSERT ALL BY NAME}: DuckDB says {@code UPDATE BY NAME}. */
    private static List<Placed> allByName(List<Placed> tokens) {
        List<Placed> out = new ArrayList<>(tokens);
        for (int i = 0; i < out.size(); i++) {
            SqlToken t = out.get(i).token();
            if (t.isWord("UPDATE") || t.isWord("INSERT")) {
                int all = next(out, i + 1);
                int by = next(out, all + 1);
                int name = next(out, by + 1);
                if (name < out.size() && out.get(all).token().isWord("ALL") && out.get(by).token().isWord("BY")
                        && out.get(name).token().isWord("NAME")) {
                    out.set(all, new Placed(new SqlToken(Kind.WHITESPACE, "", t.line()), out.get(all).origin()));
                }
            }
        }
        return out;
    }

    /** {@code f(args) IGNORE|RESPECT NULLS OVER}: the treatment into the call's parentheses. */
    private static List<Placed> nullTreatmentInsideCalls(List<Placed> tokens) {
        List<Placed> out = new ArrayList<>(tokens);
        for (int i = 0; i < out.size(); i++) {
            SqlToken t = out.get(i).token();
            if (!(t.isWord("IGNORE") || t.isWord("RESPECT"))) {
                continue;
            }
            int nulls = next(out, i + 1);
            int over = next(out, nulls + 1);
            int close = previous(out, i - 1);
            if (nulls < out.size() && out.get(nulls).token().isWord("NULLS") && over < out.size()
                    && out.get(over).token().isWord("OVER") && close >= 0 && out.get(close).token().isSymbol(")")) {
                Placed treatment = new Placed(new SqlToken(Kind.SYMBOL, " " + t.text().toUpperCase(Locale.ROOT)
                        + " NULLS", t.line()), -1);
                for (int k = nulls; k >= i; k--) {
                    out.remove(k);
                }
                out.add(close, treatment);
            }
        }
        return out;
    }

    /** {@code START = n}, {@code INCREMENT = n} of CREATE or ALTER SEQUENCE: without the '='. */
    private static List<Placed> sequenceOptions(List<Placed> tokens) {
        int first = next(tokens, 0);
        boolean sequence = false;
        for (int i = first; i < tokens.size() && i < first + 12; i++) {
            if (tokens.get(i).token().isWord("SEQUENCE")) {
                sequence = true;
                break;
            }
        }
        if (!sequence || first >= tokens.size() || !(tokens.get(first).token().isWord("CREATE")
                || tokens.get(first).token().isWord("ALTER"))) {
            return tokens;
        }
        List<Placed> out = new ArrayList<>(tokens);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).token().isWord("START") || out.get(i).token().isWord("INCREMENT")) {
                int eq = next(out, i + 1);
                if (eq < out.size() && out.get(eq).token().isSymbol("=")) {
                    out.set(eq, new Placed(new SqlToken(Kind.WHITESPACE, " ", out.get(eq).token().line()),
                            out.get(eq).origin()));
                }
            }
        }
        return out;
    }

    /** {@code [db.][schema.]seq.NEXTVAL}: {@code nextval('[db.][schema.]seq')}. */
    private static List<Placed> nextval(List<Placed> tokens) {
        List<Placed> out = new ArrayList<>();
        for (Placed placed : tokens) {
            SqlToken t = placed.token();
            if (t.isWord("NEXTVAL") && !out.isEmpty() && out.get(out.size() - 1).token().isSymbol(".")) {
                out.remove(out.size() - 1);
                List<String> parts = new ArrayList<>();
                int origin = placed.origin();
                while (!out.isEmpty() && (out.get(out.size() - 1).token().kind() == Kind.WORD
                        || out.get(out.size() - 1).token().kind() == Kind.QUOTED_IDENTIFIER)) {
                    Placed part = out.remove(out.size() - 1);
                    origin = part.origin();
                    parts.add(0, SqlNames.name(part.token()));
                    if (!out.isEmpty() && out.get(out.size() - 1).token().isSymbol(".")) {
                        out.remove(out.size() - 1);
                    } else {
                        break;
                    }
                }
                out.add(new Placed(new SqlToken(Kind.SYMBOL, "nextval('" + String.join(".", parts)
                        .replace("'", "''") + "')", t.line()), origin));
                continue;
            }
            out.add(placed);
        }
        return out;
    }

    private static int next(List<Placed> tokens, int from) {
        int i = from;
        while (i < tokens.size() && tokens.get(i).token().isTrivia()) {
            i++;
        }
        return i;
    }

    private static int previous(List<Placed> tokens, int from) {
        int i = from;
        while (i >= 0 && tokens.get(i).token().isTrivia()) {
            i--;
        }
        return i;
    }
}
