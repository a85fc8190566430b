package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Snowflake DDL and expressions become DuckDB's, token by token; strings and comments are never touched. */
class SnowflakeSqlTranslatorTest {

    @Test
    void should_map_column_types_upper_case_names_and_drop_unenforced_constraints() throws SQLException {
        SnowflakeSqlTranslator.Translation duck = SnowflakeSqlTranslator.translate("""
                create transient table if not exists raw_changes (
                    op varchar(1) not null comment 'c, u, d or r',
                    "Mixed" variant,
                    ts timestamp_ltz(9), local_at timestamp_ntz, n number(20, 0) primary key, x double precision,
                    c number references other (id),
                    unique (op)
                ) cluster by (op) data_retention_time_in_days = 1""", TranslationContext.STATELESS);

        assertThat(duck.sql()).isEqualTo("""
                CREATE  TABLE IF NOT EXISTS RAW_CHANGES (
                    "OP" VARCHAR NOT NULL ,
                    "Mixed" JSON,
                    "TS" TIMESTAMPTZ, "LOCAL_AT" TIMESTAMP, "N" DECIMAL(20,0) , "X" DOUBLE,
                    "C" DECIMAL(38,0) )""");
        assertThat(duck.primaryKey()).containsExactly("N");
    }

    @Test
    void should_leave_strings_and_comments_alone_and_map_casts() throws SQLException {
        String duck = SnowflakeSqlTranslator.translate(
                "select 'variant; -- not a comment' as s, x::number(10,2) -- variant here\n from t /* ::variant */");

        // an expression without an alias is named as Snowflake names it: its text, upper-cased
        assertThat(duck).isEqualTo("SELECT 'variant; -- not a comment' AS S, X::DECIMAL(10,2) -- variant here\n"
                + "  AS \"X::NUMBER(10,2)\" FROM T /* ::variant */");
    }

    @Test
    void should_turn_variant_paths_into_json_extraction_keeping_key_case() throws SQLException {
        assertThat(SnowflakeSqlTranslator.translate("select t.after:customer_id::number, after:Email::string,"
                + " after['a b'], after:items[0].sku from t"))
                .isEqualTo("SELECT CAST(T.AFTER ->> '$.customer_id' AS DECIMAL(38,0)) AS \"T.AFTER:CUSTOMER_ID::NUMBER\" ,"
                        + " (AFTER ->> '$.Email') AS \"AFTER:EMAIL::STRING\" , (AFTER -> '$.\"a b\"') AS \"AFTER['A B']\" ,"
                        + " (AFTER -> '$.items[0].sku')  AS \"AFTER:ITEMS[0].SKU\" FROM T");
    }

    @Test
    void should_rewrite_functions_without_a_duckdb_twin() throws SQLException {
        // (DATEDIFF's rewriting depends on its values' types: the documented examples run it)
        assertThat(SnowflakeSqlTranslator.translate("select iff(a > 1, 'x', 'y'), equal_null(a, b),"
                + " dateadd(hour, -1, current_timestamp()), parse_json('{}')"))
                .isEqualTo("SELECT (CASE WHEN A > 1 THEN 'x' ELSE 'y' END) AS \"IFF(A > 1, 'X', 'Y')\" ,"
                        + " (A IS NOT DISTINCT FROM B) AS \"EQUAL_NULL(A, B)\" ,"
                        + " (current_timestamp + INTERVAL (-1) HOUR) AS \"DATEADD(HOUR, -1, CURRENT_TIMESTAMP())\" ,"
                        + " json('{}') AS \"PARSE_JSON('{}')\"");
    }

    @Test
    void should_give_autoincrement_columns_a_sequence() throws SQLException {
        SnowflakeSqlTranslator.Translation duck = SnowflakeSqlTranslator.translate(
                "create table t (k number autoincrement start 10 increment 5, v varchar)",
                TranslationContext.STATELESS);

        assertThat(duck.setup()).containsExactly("CREATE SEQUENCE IF NOT EXISTS \"T_K_SEQ\" START 10 INCREMENT 5");
        assertThat(duck.sql()).isEqualTo(
                "CREATE TABLE T (\"K\" DECIMAL(38,0)  DEFAULT nextval('\"T_K_SEQ\"'), \"V\" VARCHAR)");
    }

    @Test
    void should_name_the_construct_and_line_of_what_it_cannot_run() {
        assertThatThrownBy(() -> SnowflakeSqlTranslator.translate("SELECT *\nFROM t\n  MATCH_RECOGNIZE (PATTERN (a))"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("does not support MATCH_RECOGNIZE (line 3)")
                .hasMessageContaining("in statement: SELECT *")
                .hasMessageContaining("docs/embedded-warehouse.md");
        assertThatThrownBy(() -> SnowflakeSqlTranslator.translate("SELECT x::GEOGRAPHY FROM t"))
                .hasMessageContaining("the data type GEOGRAPHY");
    }
}
