package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Snowflake DDL and casts become DuckDB's, token by token; strings and comments are never touched. */
class SnowflakeSqlTranslatorTest {

    @Test
    void should_map_column_types_and_upper_case_unquoted_names() throws SQLException {
        String duck = SnowflakeSqlTranslator.translate("""
                create table if not exists raw_changes (
                    op varchar(1) not null comment 'c, u, d or r',
                    "Mixed" variant,
                    ts timestamp_ltz(9), local_at timestamp_ntz, n number(20, 0), x double precision,
                    primary key (op)
                )""");

        assertThat(duck).isEqualTo("""
                CREATE TABLE IF NOT EXISTS RAW_CHANGES (
                    OP VARCHAR NOT NULL ,
                    "Mixed" JSON,
                    TS TIMESTAMPTZ, LOCAL_AT TIMESTAMP, N DECIMAL(20,0), X DOUBLE,
                    PRIMARY KEY (OP)
                )""");
    }

    @Test
    void should_leave_strings_and_comments_alone_and_map_casts() throws SQLException {
        String duck = SnowflakeSqlTranslator.translate(
                "select 'variant; -- not a comment' as s, x::number(10,2) -- variant here\n from t /* ::variant */");

        assertThat(duck).isEqualTo(
                "SELECT 'variant; -- not a comment' AS S, X::DECIMAL(10,2) -- variant here\n FROM T /* ::variant */");
    }

    @Test
    void should_name_the_construct_and_line_of_what_it_cannot_run() {
        assertThatThrownBy(() -> SnowflakeSqlTranslator.translate("CREATE TABLE T (\n  ID NUMBER AUTOINCREMENT\n)"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("AUTOINCREMENT columns (line 2)")
                .hasMessageContaining("docs/embedded-warehouse.md");
        assertThatThrownBy(() -> SnowflakeSqlTranslator.translate("SELECT x::GEOGRAPHY FROM t"))
                .hasMessageContaining("the data type GEOGRAPHY");
    }
}
