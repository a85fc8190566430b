package dev.snowpipecdc.emulator.sql;

import java.util.Locale;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlToken.Kind;

/** Snowflake's rules for names and string literals: how a token reads, and how it is written for DuckDB. */
final class SqlNames {

    private SqlNames() {
    }

    /** A name as Snowflake resolves it: unquoted upper-cased, quoted as written. */
    static String name(SqlToken t) {
        if (t.kind() == Kind.QUOTED_IDENTIFIER) {
            return t.text().substring(1, t.text().length() - 1).replace("\"\"", "\"");
        }
        return t.text().toUpperCase(Locale.ROOT);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A Snowflake string literal (backslash escapes, or $$...$$) as a standard SQL literal. */
    static String stringLiteral(SqlToken t) {
        return "'" + unescape(t).replace("'", "''") + "'";
    }

    static String unescape(SqlToken t) {
        String text = t.text();
        if (text.startsWith("$$")) {
            return text.substring(2, text.length() - 2);
        }
        String body = text.substring(1, text.length() - 1);
        StringBuilder value = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char e = body.charAt(++i);
                if (e == 'u' && i + 4 < body.length()) {
                    value.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                    continue;
                }
                if (e == 'x' && i + 2 < body.length()) {
                    value.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                }
                value.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case '0' -> '\0';
                    default -> e;
                });
            } else if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                value.append('\'');
                i++;
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }
}
