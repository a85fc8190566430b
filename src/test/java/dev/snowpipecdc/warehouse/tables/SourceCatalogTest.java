package dev.snowpipecdc.warehouse.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Columns, types and keys read from a real PostgreSQL catalog. */
class SourceCatalogTest {

    @TempDir
    static Path dir;

    static EmbeddedPostgres postgres;
    static SourceCatalog catalog;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TYPE mood AS ENUM ('happy', 'sad');
                    CREATE SCHEMA sales;
                    CREATE TABLE sales.everything (
                        region CHAR(2), small SMALLINT, whole INTEGER, big BIGINT, exact NUMERIC(12,3),
                        wide NUMERIC(50,2), loose NUMERIC, approx REAL, dbl DOUBLE PRECISION, flag BOOLEAN,
                        short VARCHAR(20), long TEXT, day DATE, at TIMESTAMP(3), at_zone TIMESTAMPTZ,
                        clock TIME, clock_zone TIMETZ(3), doc JSONB, raw JSON, id UUID, bytes BYTEA, tags TEXT[],
                        feeling mood, span INTERVAL, order_no BIGINT,
                        PRIMARY KEY (order_no, region)
                    );
                    ALTER TABLE sales.everything DROP COLUMN small;
                    CREATE TABLE public.keyless (v INTEGER);
                    """);
        }
        catalog = new SourceCatalog(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void should_map_every_column_to_a_snowflake_type_and_keep_the_key_order() throws Exception {
        SourceCatalog.Described table = catalog.describe("sales", "everything");

        assertThat(table.columns()).extracting(c -> c.name() + " " + c.type()).containsExactly(
                "REGION VARCHAR(2)", "WHOLE NUMBER(10,0)", "BIG NUMBER(19,0)", "EXACT NUMBER(12,3)",
                "WIDE NUMBER(38,10)", "LOOSE NUMBER(38,10)", "APPROX FLOAT", "DBL FLOAT", "FLAG BOOLEAN",
                "SHORT VARCHAR(20)", "LONG VARCHAR", "DAY DATE", "AT TIMESTAMP_NTZ", "AT_ZONE TIMESTAMP_LTZ",
                "CLOCK TIME", "CLOCK_ZONE VARCHAR", "DOC VARIANT", "RAW VARIANT", "ID VARCHAR(36)", "BYTES VARCHAR",
                "TAGS VARIANT", "FEELING VARCHAR", "SPAN VARIANT", "ORDER_NO NUMBER(19,0)");
        assertThat(table.columns().get(0).sourceName()).isEqualTo("region");
        assertThat(table.key()).containsExactly("ORDER_NO", "REGION");
    }

    @Test
    void should_describe_a_table_without_a_key_and_refuse_a_missing_one() throws Exception {
        assertThat(catalog.describe("public", "keyless").key()).isEmpty();
        assertThatThrownBy(() -> catalog.describe("public", "missing"))
                .hasMessageContaining("Source table public.missing does not exist");
    }
}
