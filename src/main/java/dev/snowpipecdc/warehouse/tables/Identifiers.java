package dev.snowpipecdc.warehouse.tables;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names that go into rendered SQL unquoted. Table and column names come from configuration or the source
 * catalog; only plain identifiers are accepted, so that none can change the meaning of a statement.
 */
final class Identifiers {

    private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");

    /**
     * Words that cannot be unquoted column names: Snowflake's reserved keywords, and DuckDB's reserved and
     * column-name keywords (the embedded warehouse runs on DuckDB). Quoted in upper case they mean the same
     * column as the unquoted name everywhere else.
     */
    private static final Set<String> KEYWORDS = Set.copyOf(Arrays.asList(("ACCOUNT ALL ALTER AND ANY AS BETWEEN BY CASE CAST CHECK"
            + " COLUMN CONNECT CONNECTION CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP"
            + " CURRENT_USER DATABASE DELETE DISTINCT DROP ELSE EXISTS FALSE FOLLOWING FOR FROM FULL GRANT GROUP"
            + " GSCLUSTER HAVING ILIKE IN INCREMENT INNER INSERT INTERSECT INTO IS ISSUE JOIN LATERAL LEFT LIKE"
            + " LOCALTIME LOCALTIMESTAMP MINUS NATURAL NOT NULL OF ON OR ORDER ORGANIZATION QUALIFY REGEXP REVOKE"
            + " RIGHT RLIKE ROW ROWS SAMPLE SCHEMA SELECT SET SOME START TABLE TABLESAMPLE THEN TO TRIGGER TRUE"
            + " TRY_CAST UNION UNIQUE UPDATE USING VALUES VIEW WHEN WHENEVER WHERE WITH"
            // DuckDB reserved
            + " ANALYSE ANALYZE ARRAY ASC ASYMMETRIC BOTH COLLATE DEFAULT DEFERRABLE DESC DESCRIBE DO END EXCEPT"
            + " FETCH FOREIGN INITIALLY LAMBDA LEADING LIMIT OFFSET ONLY PIVOT PIVOT_LONGER PIVOT_WIDER PLACING"
            + " PRIMARY REFERENCES RETURNING SHOW SUMMARIZE SYMMETRIC TRAILING UNPIVOT VARIADIC WINDOW"
            // DuckDB column-name and type/function keywords
            + " ANTI ASOF AT AUTHORIZATION BIGINT BINARY BIT BOOLEAN CHAR CHARACTER COALESCE COLLATION COLUMNS"
            + " CONCURRENTLY DEC DECIMAL EXTRACT FLOAT FREEZE GENERATED GLOB GROUPING GROUPING_ID INOUT INT INTEGER"
            + " INTERVAL ISNULL MAP NATIONAL NCHAR NONE NOTNULL NULLIF NUMERIC OUT OUTER OVERLAPS OVERLAY POSITION"
            + " POSITIONAL PRECISION REAL SEMI SETOF SIMILAR SMALLINT STRUCT SUBSTRING TIME TIMESTAMP TREAT TRIM"
            + " UNPACK VARCHAR VERBOSE").split(" ")));

    private Identifiers() {
    }

    static String requireSimple(String name, String what) {
        if (name == null || !SIMPLE.matcher(name).matches()) {
            throw new IllegalArgumentException("Unsupported " + what + " name '" + name + "': snowpipe-cdc renders"
                    + " warehouse objects for names of letters, digits and underscores (not starting with a digit)");
        }
        return name;
    }

    /** A warehouse column name as it appears in rendered SQL: quoted when it is a keyword. */
    static String sql(String warehouseName) {
        return KEYWORDS.contains(warehouseName) ? "\"" + warehouseName + "\"" : warehouseName;
    }

    /** The warehouse's name for a source table or column: upper case, Snowflake's rule for unquoted names. */
    static String warehouseName(String sourceName, String what) {
        return requireSimple(sourceName, what).toUpperCase(Locale.ROOT);
    }
}
