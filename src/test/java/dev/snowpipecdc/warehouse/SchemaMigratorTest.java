package dev.snowpipecdc.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import dev.snowpipecdc.support.Warehouse;
import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripts of a sql/ folder applied through SCHEMA_HISTORY: versioned once, repeatable on change. */
class SchemaMigratorTest {

    @TempDir
    Path dir;

    Path sql;
    Warehouse w;

    @BeforeEach
    void setUp() throws IOException, SQLException {
        sql = Files.createDirectories(dir.resolve("sql"));
        Files.createDirectories(sql.resolve("templates"));
        Files.writeString(sql.resolve("templates/table.sql"), "-- no tables in these tests\n");
        w = new Warehouse(dir.resolve("wh"), 1.0);
    }

    @AfterEach
    void tearDown() throws SQLException {
        w.close();
    }

    @Test
    void should_apply_versioned_scripts_once_in_version_order_and_record_them() throws Exception {
        write("V2__second.sql", "INSERT INTO log SELECT 'second';");
        write("V1__first.sql", "CREATE TABLE log (entry VARCHAR);\nINSERT INTO log SELECT 'first';");
        write("V10__tenth.sql", "INSERT INTO log SELECT 'tenth';");

        assertThat(migrate().applied()).containsExactly("V1__first.sql", "V2__second.sql", "V10__tenth.sql");
        SchemaMigrator.Outcome again = migrate();

        assertThat(again.applied()).isEmpty();
        assertThat(again.upToDate()).hasSize(3);
        assertThat(w.query("SELECT entry FROM log")).containsExactly("first", "second", "tenth");
        assertThat(w.query("SELECT SCRIPT, VERSION, LENGTH(CHECKSUM), EXECUTION_MS >= 0 FROM SCHEMA_HISTORY"
                + " ORDER BY VERSION")).containsExactly("V1__first.sql|1|64|true", "V2__second.sql|2|64|true",
                "V10__tenth.sql|10|64|true");
    }

    @Test
    void should_refuse_a_changed_versioned_script_before_running_anything() throws Exception {
        write("V1__first.sql", "CREATE TABLE log (entry VARCHAR);");
        migrate();
        write("V1__first.sql", "CREATE TABLE log (entry VARCHAR, extra VARCHAR);");
        write("V2__second.sql", "INSERT INTO log SELECT 'second';");

        assertThatThrownBy(this::migrate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Versioned script V1__first.sql changed after it was applied")
                .hasMessageContaining("new V<n>__ script");
        assertThat(w.query("SELECT COUNT(*) FROM log")).as("V2 did not run").containsExactly("0");
    }

    @Test
    void should_apply_a_repeatable_script_again_only_when_it_changed() throws Exception {
        write("V1__log.sql", "CREATE TABLE log (entry VARCHAR);");
        write("R__view.sql", "CREATE OR REPLACE VIEW entries AS SELECT entry FROM log;\n"
                + "INSERT INTO log SELECT 'view v1';");
        migrate();
        migrate();
        write("R__view.sql", "CREATE OR REPLACE VIEW entries AS SELECT UPPER(entry) AS entry FROM log;\n"
                + "INSERT INTO log SELECT 'view v2';");

        assertThat(migrate().applied()).containsExactly("R__view.sql");
        assertThat(w.query("SELECT entry FROM entries ORDER BY 1")).containsExactly("VIEW V1", "VIEW V2");
        assertThat(w.query("SELECT COUNT(*) FROM SCHEMA_HISTORY WHERE SCRIPT = 'R__view.sql'")).containsExactly("2");
    }

    @Test
    void should_name_the_script_and_line_of_a_failing_statement_and_not_record_it() throws Exception {
        write("V1__broken.sql", "CREATE TABLE log (entry VARCHAR);\n\nINSERT INTO missing SELECT 1;");

        assertThatThrownBy(this::migrate).isInstanceOf(SQLException.class)
                .hasMessageContaining("Script V1__broken.sql failed at line 3");
        assertThat(w.query("SELECT COUNT(*) FROM SCHEMA_HISTORY")).containsExactly("0");
    }

    @Test
    void should_leave_out_a_repeatable_script_whose_tables_are_not_captured() throws Exception {
        write("V1__log.sql", "CREATE TABLE log (entry VARCHAR);");
        write("R__needs_orders.sql", "-- requires tables: ORDERS\nSELECT * FROM ORDERS;");

        assertThat(migrate().applied()).containsExactly("V1__log.sql");
    }

    @Test
    void should_end_a_statement_that_ends_in_a_scripting_block_with_a_semicolon() throws Exception {
        List<List<SqlToken>> statements = SqlTokenizer.statements(
                "CREATE TASK t AS BEGIN SELECT 1; END;\nSELECT 2;\nSELECT 'END';");

        assertThat(statements).extracting(s -> SchemaMigrator.withBlockTerminator(s, text(s)))
                .containsExactly("CREATE TASK t AS BEGIN SELECT 1; END;", "SELECT 2", "SELECT 'END'");
    }

    private static String text(List<SqlToken> statement) {
        StringBuilder text = new StringBuilder();
        statement.forEach(t -> text.append(t.text()));
        return text.toString().strip();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(sql.resolve(name), text);
    }

    private SchemaMigrator.Outcome migrate() throws SQLException {
        WarehouseObjects objects = new WarehouseObjects(new SqlFiles(new DefaultCamelContext(), "file:" + sql),
                List.of(), new WarehouseObjects.Settings("COMPUTE_WH", "1 MINUTE"));
        return new SchemaMigrator(w.embedded().dataSource()).migrate(objects.scripts());
    }
}
