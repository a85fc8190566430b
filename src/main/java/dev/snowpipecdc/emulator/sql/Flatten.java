package dev.snowpipecdc.emulator.sql;

import java.util.Locale;
import java.util.Optional;

/**
 * Snowflake's FLATTEN table function as a DuckDB subquery over {@code json_each} (or {@code json_tree} when
 * RECURSIVE), with FLATTEN's columns: SEQ, KEY (an object member's name; NULL in an array), PATH (as Snowflake
 * writes it: {@code b[0]}, {@code c.d}), INDEX (an array element's position; NULL in an object), VALUE and THIS (the
 * array or object the element is in). Its INPUT may name the columns of the tables before it, as LATERAL allows.
 * SEQ is 1: the subquery cannot number the input rows it is joined to.
 */
final class Flatten {

    private Flatten() {
    }

    /**
     * @param input     the INPUT expression, translated
     * @param path      the PATH argument's text (a Snowflake path), if given
     * @param outer     OUTER: one row of NULLs for an input with no elements
     * @param recursive RECURSIVE: the elements of the elements too
     * @param mode      MODE: OBJECT, ARRAY or BOTH
     */
    static String subquery(String input, Optional<String> path, boolean outer, boolean recursive, String mode) {
        String prefix = path.orElse("");
        String root = path.isEmpty() ? "(" + input + ")"
                : "json_extract(" + input + ", " + literal(jsonPath(prefix)) + ")";
        // the container of each element: the input itself, or (recursive) the element's parent
        String container = recursive ? "json_extract(__i.__in, __e.path)" : "__i.__in";
        String isArray = "json_type(" + container + ") = 'ARRAY'";
        StringBuilder sql = new StringBuilder("(SELECT 1 AS \"SEQ\", CASE WHEN " + isArray
                + " THEN NULL ELSE __e.key END AS \"KEY\", regexp_replace(" + literal(prefix)
                + " || substr(__e.fullkey, 2), '^\\.', '') AS \"PATH\", CASE WHEN " + isArray
                + " THEN CAST(__e.key AS BIGINT) END AS \"INDEX\", __e.value AS \"VALUE\", " + container
                + " AS \"THIS\" FROM (SELECT " + root + " AS __in) __i, " + (recursive ? "json_tree" : "json_each")
                + "(__i.__in) __e WHERE __e.fullkey <> '$'");
        String m = mode.toUpperCase(Locale.ROOT);
        if (m.equals("OBJECT") || m.equals("ARRAY")) {
            sql.append(" AND json_type(").append(container).append(") = '").append(m).append('\'');
        }
        // the elements in the order they are in (depth first when recursive), as Snowflake lists them
        sql.append(" ORDER BY __e.id");
        if (outer) {
            sql.insert(1, "(").append(") UNION ALL (SELECT 1, NULL, '', NULL, NULL, __i.__in FROM (SELECT ")
                    .append(root).append(" AS __in) __i WHERE NOT EXISTS (SELECT 1 FROM json_each(__i.__in)))");
        }
        return sql.append(')').toString();
    }

    /** A Snowflake path ({@code a.b[0]}, {@code ['a b']}) as a JSON path ({@code $.a.b[0]}). */
    private static String jsonPath(String path) {
        String p = path.strip();
        return p.startsWith("[") ? "$" + p : "$." + p;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
