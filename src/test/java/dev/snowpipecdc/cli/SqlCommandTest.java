package dev.snowpipecdc.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The sql verb: a Snowflake SQL sandbox on a folder, for people and for scripts. */
class SqlCommandTest {

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void should_create_a_warehouse_in_a_new_folder_and_run_a_script_with_tasks() throws Exception {
        Path script = Files.writeString(dir.resolve("script.sql"), """
                CREATE TABLE t (id NUMBER, v VARIANT);
                INSERT INTO t SELECT 1, PARSE_JSON('{"name": "Ann"}');
                CREATE TASK copy_task SCHEDULE = '60 MINUTE' AS INSERT INTO t SELECT id + 1, v FROM t;
                EXECUTE TASK copy_task;
                SELECT SYSTEM$WAIT(2);
                SELECT id, v:name::VARCHAR AS name FROM t ORDER BY id;
                """);

        int code = sql("--data-dir", dir.resolve("wh").toString(), "--file", script.toString(), "--format", "csv");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("ID,NAME", "1,Ann", "2,Ann");
    }

    @Test
    void should_print_a_table_or_json_lines() throws Exception {
        String wh = dir.resolve("wh").toString();
        assertThat(sql("--data-dir", wh, "SELECT 1 AS a, 'x' AS b")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("A | B", "--+--", "1 | x", "(1 row)");

        out.reset();
        assertThat(sql("--data-dir", wh, "--format", "json", "SELECT 1 AS a, NULL AS b")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("{\"A\":\"1\",\"B\":null}");
    }

    @Test
    void should_print_values_as_snowflake_prints_them_and_keep_null_apart_from_an_empty_string() throws Exception {
        String wh = dir.resolve("wh").toString();
        assertThat(sql("--data-dir", wh, "--format", "csv", "ALTER SESSION SET TIMEZONE = 'America/Los_Angeles';"
                + " SELECT NULL AS n, '' AS e, 'a,b' AS c, '2024-04-05 01:02:03'::TIMESTAMP_NTZ AS ntz,"
                + " '2024-04-05 08:02:03'::TIMESTAMP_LTZ AS ltz, iff(TRUE, 'y', 'n')")).as(err.toString()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "N,E,C,NTZ,LTZ,\"IFF(TRUE, 'Y', 'N')\"",
                ",\"\",\"a,b\",2024-04-05 01:02:03.000,2024-04-05 08:02:03.000 -0700,y");
    }

    @Test
    void should_stop_at_a_failing_statement_with_its_error_and_exit_code_1() throws Exception {
        int code = sql("--data-dir", dir.resolve("wh").toString(), "SELECT 1; SELECT * FROM missing; SELECT 2");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Statement 2 of 3 failed").contains("MISSING");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private int sql(String... args) throws Exception {
        return SqlCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
