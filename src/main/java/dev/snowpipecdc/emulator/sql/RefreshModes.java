package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;

/**
 * The refresh mode Snowflake gives a dynamic table, as SHOW DYNAMIC TABLES reports it: INCREMENTAL or FULL as
 * declared; AUTO (the default) resolves to INCREMENTAL unless the query has an operator Snowflake cannot refresh
 * incrementally (set operations other than UNION ALL: EXCEPT / MINUS, INTERSECT, UNION), then to FULL with the
 * reason. The embedded warehouse itself recomputes the whole result on every refresh, whatever the mode.
 */
final class RefreshModes {

    private static final Map<String, String> UNSUPPORTED_OPERATORS = Map.of(
            "EXCEPT", "SetOperation[EXCEPT]", "MINUS", "SetOperation[EXCEPT]", "INTERSECT", "SetOperation[INTERSECT]");

    private RefreshModes() {
    }

    /** A refresh mode and why (null when there is no reason to give). */
    record RefreshMode(String mode, String reason) {
    }

    static RefreshMode resolve(String declared, String query) throws SqlException {
        String mode = declared.toUpperCase(Locale.ROOT);
        if (mode.equals("INCREMENTAL") || mode.equals("FULL")) {
            return new RefreshMode(mode, null);
        }
        if (!mode.equals("AUTO")) {
            throw new SqlException("Invalid value '" + declared + "' for REFRESH_MODE: AUTO, FULL or INCREMENTAL",
                    null);
        }
        List<SqlToken> tokens = meaningfulTokens(query);
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            String operator = UNSUPPORTED_OPERATORS.get(t.text().toUpperCase(Locale.ROOT));
            if (t.kind() == SqlToken.Kind.WORD && operator != null) {
                return new RefreshMode("FULL", "Unsupported query operator type: " + operator);
            }
            if (t.isWord("UNION") && !(i + 1 < tokens.size() && tokens.get(i + 1).isWord("ALL"))) {
                return new RefreshMode("FULL", "Unsupported query operator type: SetOperation[UNION]");
            }
        }
        return new RefreshMode("INCREMENTAL", null);
    }

    /** The tokens of a query already read once (so it tokenizes), without whitespace and comments. */
    static List<SqlToken> meaningfulTokens(String query) throws SqlException {
        try {
            return SqlTokenizer.tokenize(query).stream().filter(t -> !t.isTrivia()).toList();
        } catch (SQLException e) {
            throw new SqlException(e.getMessage(), e);
        }
    }
}
