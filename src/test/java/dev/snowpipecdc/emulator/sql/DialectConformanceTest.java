package dev.snowpipecdc.emulator.sql;

import java.nio.file.Path;
import java.sql.SQLException;

import dev.snowpipecdc.support.Warehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Snowflake SQL in, the rows Snowflake returns out: types, VARIANT paths, functions, QUALIFY, MERGE. Where the
 * expected rows come from Snowflake's documentation, the page is named.
 */
class DialectConformanceTest {

    @TempDir
    Path dir;
    private Warehouse w;

    @BeforeEach
    void open() throws SQLException {
        w = new Warehouse(dir, 1);
    }

    @AfterEach
    void close() throws SQLException {
        w.close();
    }

    @Test
    void should_store_and_read_variant_and_typed_columns() throws SQLException {
        w.sql("CREATE TABLE raw (id NUMBER(10,0), doc VARIANT, obj OBJECT, arr ARRAY, at TIMESTAMP_LTZ,"
                + " local_at TIMESTAMP_NTZ, amount NUMBER(10,2), ok BOOLEAN)");
        w.sql("INSERT INTO raw SELECT 1, PARSE_JSON('{\"customer\": {\"email\": \"ann@example.com\", \"id\": 7},"
                + " \"items\": [{\"sku\": \"A\"}, {\"sku\": \"B\"}], \"Amount\": \"12.50\"}'), PARSE_JSON('{}'),"
                + " PARSE_JSON('[1,2]'), '2026-01-02T03:04:05.123456Z', '2026-01-02 03:04:05', 12.5, TRUE");

        assertThat(w.sql("SELECT doc:customer.email::VARCHAR, doc:customer.id::NUMBER, doc:items[1].sku::STRING,"
                + " doc['Amount']::NUMBER(10,2), doc:missing::VARCHAR IS NULL, amount, ok FROM raw"))
                .containsExactly("ann@example.com|7|B|12.50|true|12.50|true");
    }

    @Test
    void should_compare_and_cast_variant_values_not_their_json_text() throws SQLException {
        w.sql("CREATE TABLE t (v VARIANT)", "INSERT INTO t SELECT PARSE_JSON('{\"name\": \"Ann\", \"n\": 3}')");

        assertThat(w.sql("SELECT CAST(v:name AS VARCHAR), TO_VARCHAR(v:name), v:name = 'Ann', 'Ann' = v:name,"
                + " v:name LIKE 'A%' FROM t")).containsExactly("Ann|Ann|true|true|true");
        assertThat(w.sql("SELECT COUNT(*) FROM t WHERE v:name = 'Ann'")).containsExactly("1");
    }

    /** docs.snowflake.com/en/sql-reference/functions/strip_null_value: a JSON null is not SQL NULL until stripped */
    @Test
    void should_tell_json_null_from_sql_null_and_cast_scalars_through_text() throws SQLException {
        w.sql("CREATE TABLE t (v VARIANT)",
                "INSERT INTO t SELECT PARSE_JSON('{\"a\": null, \"n\": \"12.5\", \"b\": true, \"i\": 7}')");

        assertThat(w.sql("SELECT v:a IS NULL, IS_NULL_VALUE(v:a), STRIP_NULL_VALUE(v:a) IS NULL, v:a::VARCHAR IS NULL,"
                + " IS_NULL_VALUE(v:missing) IS NULL, STRIP_NULL_VALUE(v:i) FROM t"))
                .containsExactly("false|true|true|true|true|7");
        assertThat(w.sql("SELECT TRY_CAST(v:n::VARCHAR AS NUMBER(10,2)), TRY_CAST(v:b::VARCHAR AS BOOLEAN),"
                + " TRY_CAST(v:i::VARCHAR AS NUMBER(3,0)), TRY_CAST(v:n::VARCHAR AS NUMBER(2,1)) FROM t"))
                .containsExactly("12.50|true|7|null");
    }

    /** docs.snowflake.com/en/sql-reference/functions/listagg and .../array_agg: NULLs left out */
    @Test
    void should_aggregate_into_strings_and_arrays_as_snowflake_does() throws SQLException {
        w.sql("CREATE TABLE t (v VARCHAR)", "INSERT INTO t VALUES ('a'), (NULL), ('b')");

        assertThat(w.sql("SELECT LISTAGG(v) WITHIN GROUP (ORDER BY v), LISTAGG(v, ', ') WITHIN GROUP (ORDER BY v),"
                + " ARRAY_AGG(v) WITHIN GROUP (ORDER BY v) FROM t")).containsExactly("ab|a, b|[\"a\",\"b\"]");
        assertThat(w.sql("SELECT ARRAY_AGG(v) FROM t WHERE FALSE")).containsExactly("[]");
    }

    @Test
    void should_read_from_inside_functions_and_create_tables_from_parenthesised_queries() throws SQLException {
        w.sql("CREATE TABLE t (id NUMBER, v VARIANT)",
                "INSERT INTO t SELECT 1, PARSE_JSON('{\"ts\": \"2026-03-04 05:06:07\"}')");

        assertThat(w.sql("SELECT EXTRACT(YEAR FROM v:ts::TIMESTAMP_NTZ), id IS DISTINCT FROM 2, TRIM(' x ') FROM t"))
                .containsExactly("2026|true|x");
        w.sql("CREATE TABLE c AS (SELECT id FROM t)", "CREATE TABLE d AS WITH x AS (SELECT id FROM t) SELECT id FROM x");
        assertThat(w.sql("SELECT (SELECT COUNT(*) FROM c) + (SELECT COUNT(*) FROM d)")).containsExactly("2");
    }

    @Test
    void should_keep_json_keys_case_sensitive_as_snowflake_does() throws SQLException {
        w.sql("CREATE TABLE t (v VARIANT)", "INSERT INTO t SELECT PARSE_JSON('{\"Email\": \"a\", \"email\": \"b\"}')");

        assertThat(w.sql("SELECT v:Email::VARCHAR, v:email::VARCHAR FROM t")).containsExactly("a|b");
    }

    /** docs.snowflake.com/en/sql-reference/functions/iff and .../equal_null */
    @Test
    void should_evaluate_iff_and_equal_null() throws SQLException {
        assertThat(w.sql("SELECT IFF(TRUE, 'true', 'false'), IFF(NULL, 'x', 'y'), EQUAL_NULL(NULL, NULL),"
                + " EQUAL_NULL(1, NULL), NULL = NULL")).containsExactly("true|y|true|false|null");
    }

    /** docs.snowflake.com/en/sql-reference/functions/object_construct: NULL values leave their key out */
    @Test
    void should_build_objects_without_null_values() throws SQLException {
        assertThat(w.sql("SELECT OBJECT_CONSTRUCT('a', 1, 'b', 'BBBB', 'c', NULL)"))
                .containsExactly("{\"a\":1,\"b\":\"BBBB\"}");
    }

    /** docs.snowflake.com/en/sql-reference/functions/datediff (year example) and .../dateadd */
    @Test
    void should_add_and_diff_dates_by_part() throws SQLException {
        assertThat(w.sql("SELECT DATEDIFF(year, '2010-04-09 14:39:20'::TIMESTAMP, '2013-05-08 23:39:20'::TIMESTAMP),"
                + " DATEDIFF('hour', '2026-01-01 23:59'::TIMESTAMP_NTZ, '2026-01-02 00:01'::TIMESTAMP_NTZ),"
                + " DATEADD(month, 1, '2026-01-31'::TIMESTAMP_NTZ), DATEADD('minute', -90, '2026-01-01 00:00'::TIMESTAMP_NTZ)"))
                .containsExactly("3|1|2026-02-28 00:00:00.0|2025-12-31 22:30:00.0");
    }

    /** docs.snowflake.com/en/sql-reference/functions/nvl2, .../zeroifnull, .../div0 */
    @Test
    void should_evaluate_null_handling_and_conversion_functions() throws SQLException {
        assertThat(w.sql("SELECT NVL(NULL, 'x'), NVL2(NULL, 'a', 'b'), NVL2(1, 'a', 'b'), ZEROIFNULL(NULL),"
                + " DIV0(1, 0), TO_VARCHAR(12), TO_NUMBER('12.345', 10, 1), TO_BOOLEAN('true'),"
                + " TO_TIMESTAMP_NTZ(1700000000000, 3), ARRAY_CONSTRUCT(1, 'a'), TO_DATE('2026-03-04')"))
                .containsExactly("x|b|a|0|0.0|12|12.3|true|2023-11-14 22:13:20.0|[1,\"a\"]|2026-03-04");
    }

    @Test
    void should_try_cast_to_null_and_cast_with_mapped_types() throws SQLException {
        assertThat(w.sql("SELECT TRY_CAST('x' AS NUMBER), TRY_CAST('12.345' AS NUMBER(10,2)), CAST('7' AS INTEGER),"
                + " '2026-01-02'::DATE")).containsExactly("null|12.35|7|2026-01-02");
    }

    @Test
    void should_filter_window_results_with_qualify() throws SQLException {
        w.sql("CREATE TABLE v (k NUMBER, seq NUMBER, val VARCHAR)",
                "INSERT INTO v VALUES (1, 1, 'a'), (1, 2, 'b'), (2, 1, 'c')");

        assertThat(w.sql("SELECT k, val FROM v QUALIFY ROW_NUMBER() OVER (PARTITION BY k ORDER BY seq DESC) = 1"
                + " ORDER BY k")).containsExactly("1|b", "2|c");
    }

    @Test
    void should_merge_updates_inserts_and_deletes() throws SQLException {
        w.sql("CREATE TABLE target (id NUMBER, v VARCHAR)", "INSERT INTO target VALUES (1, 'old'), (2, 'gone')",
                "CREATE TABLE src (id NUMBER, v VARCHAR, op VARCHAR)",
                "INSERT INTO src VALUES (1, 'new', 'u'), (2, NULL, 'd'), (3, 'fresh', 'c')");

        w.sql("MERGE INTO target t USING src s ON t.id = s.id"
                + " WHEN MATCHED AND s.op = 'd' THEN DELETE"
                + " WHEN MATCHED THEN UPDATE SET t.v = s.v"
                + " WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)");

        assertThat(w.sql("SELECT id, v FROM target ORDER BY id")).containsExactly("1|new", "3|fresh");
    }

    /** docs.snowflake.com/en/sql-reference/sql/merge, "Duplicate join behavior" */
    @Test
    void should_refuse_a_nondeterministic_merge_with_error_100090() throws SQLException {
        w.sql("CREATE TABLE target (id NUMBER, v VARCHAR)", "INSERT INTO target VALUES (1, 'old')",
                "CREATE TABLE src (id NUMBER, v VARCHAR)", "INSERT INTO src VALUES (1, 'a'), (1, 'b')");

        assertThatThrownBy(() -> w.sql("MERGE INTO target t USING src s ON t.id = s.id"
                + " WHEN MATCHED THEN UPDATE SET t.v = s.v"))
                .isInstanceOf(SQLException.class)
                .hasMessageStartingWith("100090 (42P18): Duplicate row detected during DML action")
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(100090));
        assertThat(w.sql("SELECT v FROM target")).containsExactly("old");
        // the session parameter turns the check off: an arbitrary source row wins
        w.sql("ALTER SESSION SET ERROR_ON_NONDETERMINISTIC_MERGE = FALSE");
        w.sql("MERGE INTO target t USING src s ON t.id = s.id WHEN MATCHED THEN UPDATE SET t.v = s.v");
        assertThat(w.sql("SELECT v IN ('a', 'b') FROM target")).containsExactly("true");
        // deleting on duplicate matches is deterministic
        w.sql("ALTER SESSION UNSET ERROR_ON_NONDETERMINISTIC_MERGE");
        w.sql("MERGE INTO target t USING src s ON t.id = s.id WHEN MATCHED THEN DELETE");
        assertThat(w.sql("SELECT COUNT(*) FROM target")).containsExactly("0");
    }

    @Test
    void should_number_autoincrement_columns_and_fill_current_timestamp_defaults() throws SQLException {
        w.sql("CREATE TABLE scd (k NUMBER AUTOINCREMENT, v VARCHAR, loaded_at TIMESTAMP_LTZ DEFAULT CURRENT_TIMESTAMP())",
                "INSERT INTO scd (v) VALUES ('a'), ('b')", "INSERT INTO scd (v) VALUES ('c')");

        assertThat(w.sql("SELECT k, v, loaded_at IS NOT NULL FROM scd ORDER BY k"))
                .containsExactly("1|a|true", "2|b|true", "3|c|true");
    }

    @Test
    void should_read_backslash_escapes_and_dollar_strings() throws SQLException {
        assertThat(w.sql("SELECT 'it\\'s', $$it's$$, LENGTH('a\\tb')")).containsExactly("it's|it's|3");
    }

    @Test
    void should_refuse_scripting_beyond_plain_blocks() {
        assertThatThrownBy(() -> w.sql("BEGIN LET x := 1; SELECT 1; END"))
                .isInstanceOf(SqlException.class).hasMessageContaining("Snowflake Scripting LET");
        assertThatThrownBy(() -> w.sql("BEGIN IF (TRUE) THEN SELECT 1; END IF; END"))
                .isInstanceOf(SqlException.class).hasMessageContaining("Snowflake Scripting IF");
    }

    @Test
    void should_fail_on_an_unsupported_construct_with_the_construct_and_the_docs() {
        assertThatThrownBy(() -> w.sql("CREATE TABLE t (v VARIANT)",
                "SELECT * FROM t MATCH_RECOGNIZE (PATTERN (a) DEFINE a AS TRUE)"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("does not support MATCH_RECOGNIZE (line 1)")
                .hasMessageContaining("docs/embedded-warehouse.md");
    }

    @Test
    void should_cast_a_variant_string_to_its_text_and_leave_other_columns_as_they_are() throws SQLException {
        w.sql("CREATE TABLE vs (v VARIANT, s VARCHAR, n NUMBER)",
                "INSERT INTO vs SELECT PARSE_JSON('\"green\"'), 'a \"quoted\" word', 7",
                "INSERT INTO vs SELECT PARSE_JSON('{\"k\": 1}'), NULL, NULL");

        // docs.snowflake.com/en/user-guide/querying-semistructured: a VARIANT string cast to VARCHAR has no quotes
        assertThat(w.sql("SELECT v::STRING, s::VARCHAR, n::STRING FROM vs ORDER BY n NULLS LAST"))
                .containsExactly("green|a \"quoted\" word|7", "{\"k\":1}|null|null");
    }

    @Test
    void should_flatten_arrays_and_objects_of_each_row_laterally() throws SQLException {
        w.sql("CREATE TABLE t (id NUMBER, v VARIANT)",
                "INSERT INTO t SELECT 1, PARSE_JSON('{\"tags\": [\"a\", \"b\"]}')",
                "INSERT INTO t SELECT 2, PARSE_JSON('{\"tags\": [\"c\"]}')",
                "INSERT INTO t SELECT 3, PARSE_JSON('{\"tags\": []}')");

        assertThat(w.sql("SELECT t.id, f.index, f.value::STRING, f.path FROM t, LATERAL FLATTEN(input => t.v:tags) f"
                + " ORDER BY 1, 2")).containsExactly("1|0|a|[0]", "1|1|b|[1]", "2|0|c|[0]");
        assertThat(w.sql("SELECT t.id, f.value FROM t, LATERAL FLATTEN(input => t.v:tags, outer => TRUE) f"
                + " WHERE t.id = 3")).containsExactly("3|null");
        assertThat(w.sql("SELECT key, path, value FROM TABLE(FLATTEN(PARSE_JSON('{\"a\": {\"b\": 1}}'),"
                + " recursive => TRUE)) ORDER BY path")).containsExactly("a|a|{\"b\":1}", "b|a.b|1");
        assertThatThrownBy(() -> w.sql("SELECT FLATTEN(v) FROM t")).hasMessageContaining("FLATTEN outside LATERAL");
    }

    @Test
    void should_fail_a_division_by_zero_wherever_the_divisor_stands() throws SQLException {
        w.sql("CREATE TABLE amounts (g NUMBER, amount NUMBER)", "INSERT INTO amounts VALUES (1, 2), (1, 6), (2, 0)");

        assertThat(w.sql("SELECT amount / SUM(amount) OVER (PARTITION BY g) FROM amounts WHERE g = 1 ORDER BY 1"))
                .as("a divisor with a window is left to DuckDB").containsExactly("0.25", "0.75");
        assertThat(w.sql("SELECT 6 / CASE WHEN g = 1 THEN 2 ELSE 3 END FROM amounts WHERE amount = 2"))
                .containsExactly("3.0");
        assertThatThrownBy(() -> w.sql("SELECT 1 / (2 / amount) FROM amounts WHERE g = 2"))
                .hasMessageContaining("100051");
        assertThatThrownBy(() -> w.sql("SELECT amount / (amount - amount) FROM amounts WHERE g = 1"))
                .hasMessageContaining("Division by zero");
    }

    @Test
    void should_insert_backslashes_and_refuse_text_that_is_no_timestamp_in_datediff() throws SQLException {
        w.sql("CREATE TABLE paths (p VARCHAR, ts TIMESTAMP_NTZ)",
                "INSERT INTO paths VALUES ('C:\\\\', '2024-01-02 16:00:00 -0700')",
                "UPDATE paths SET p = p || 'x\\\\' WHERE p = 'C:\\\\'");

        assertThat(w.sql("SELECT p, ts FROM paths")).containsExactly("C:\\x\\|2024-01-02 16:00:00.0");
        assertThatThrownBy(() -> w.sql("SELECT DATEDIFF(day, column1, '2024-01-10') FROM VALUES ('garbage')"))
                .hasMessageContaining("Timestamp 'garbage' is not recognized");
    }
}
