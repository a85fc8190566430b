package dev.snowpipecdc.emulator.sql;

import java.io.IOException;
import java.nio.file.Files;
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
 * File-based loading as docs.snowflake.com describes it (sql-reference/sql/put, copy-into-table, create-pipe,
 * alter-pipe; user-guide/data-load-considerations-load): PUT compresses with gzip, COPY matches JSON fields to
 * columns by name and loads each file into a table once (load metadata), a pipe loads what is staged and skips a
 * bad file.
 */
class StageConformanceTest {

    private static final String JSON = "FILE_FORMAT = (TYPE = JSON) MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE";

    @TempDir
    Path dir;
    private Warehouse w;

    @BeforeEach
    void open() throws SQLException {
        w = new Warehouse(dir.resolve("warehouse"), 1);
        w.sql("CREATE TABLE events (id NUMBER NOT NULL, name VARCHAR, payload VARIANT, seen_at TIMESTAMP_LTZ)",
                "CREATE STAGE landing");
    }

    @AfterEach
    void close() throws SQLException {
        w.close();
    }

    @Test
    void should_put_gzipped_and_copy_fields_into_the_columns_of_their_name_once() throws Exception {
        Path file = ndjson("batch-1.json",
                "{\"ID\": 1, \"name\": \"one\", \"payload\": {\"k\": [1, 2]}, \"Seen_At\": \"2026-12-07T06:40:05.123456Z\","
                        + " \"ignored\": true}",
                "{\"id\": 2, \"payload\": \"text\"}");

        assertThat(w.sql("PUT 'file://" + file + "' @landing/day1/")).containsExactly(
                "batch-1.json|batch-1.json.gz|" + Files.size(file) + "|" + stagedSize("day1/batch-1.json.gz")
                        + "|NONE|GZIP|UPLOADED|");
        assertThat(w.sql("PUT 'file://" + file + "' @landing/day1/")).singleElement().asString()
                .contains("|SKIPPED|");

        assertThat(w.sql("COPY INTO events FROM @landing/day1/ " + JSON)).containsExactly(
                "landing/day1/batch-1.json.gz|LOADED|2|2|1|0|null");
        assertThat(w.sql("SELECT id, name, payload:k[1], payload, seen_at FROM events ORDER BY id")).containsExactly(
                "1|one|2|{\"k\":[1,2]}|2026-12-07T06:40:05.123456Z", "2|null|null|\"text\"|null");

        assertThat(w.sql("COPY INTO events FROM @landing " + JSON)).as("loaded once")
                .containsExactly("Copy executed with 0 files processed.");
        assertThat(w.sql("COPY INTO events FROM @landing " + JSON + " FORCE = TRUE")).hasSize(1);
        assertThat(w.sql("SELECT COUNT(*) FROM events")).containsExactly("4");
    }

    @Test
    void should_load_nothing_when_a_file_fails_a_bulk_copy() throws Exception {
        w.sql("PUT 'file://" + ndjson("a.json", "{\"id\": 1}") + "' @landing",
                "PUT 'file://" + ndjson("b.json", "{\"name\": \"no id\"}") + "' @landing");

        assertThatThrownBy(() -> w.sql("COPY INTO events FROM @landing " + JSON))
                .hasMessageContaining("COPY INTO EVENTS failed on file 'landing/b.json.gz'");
        assertThat(w.sql("SELECT COUNT(*) FROM events")).containsExactly("0");
        assertThat(w.sql("COPY INTO events FROM @landing FILES = ('a.json.gz') " + JSON)).hasSize(1);
        assertThat(w.sql("SELECT id FROM events")).containsExactly("1");
    }

    @Test
    void should_load_with_a_pipe_what_is_staged_skipping_a_bad_file_and_purging_loaded_ones() throws Exception {
        w.sql("CREATE STREAM events_stream ON TABLE events APPEND_ONLY = TRUE",
                "CREATE PIPE events_pipe AUTO_INGEST = FALSE AS COPY INTO events FROM @landing/in/ " + JSON
                        + " PURGE = TRUE",
                "PUT 'file://" + ndjson("1.json", "{\"id\": 1}", "{\"id\": 2}") + "' @landing/in AUTO_COMPRESS = FALSE",
                "PUT 'file://" + ndjson("2.json", "{\"id\": \"not a number\"}") + "' @landing/in");

        assertThat(w.sql("ALTER PIPE events_pipe REFRESH")).containsExactly("landing/in/1.json|SENT",
                "landing/in/2.json.gz|SENT");
        assertThat(w.sql("SELECT id FROM events_stream ORDER BY id")).containsExactly("1", "2");
        assertThat(w.sql("SELECT FILE_NAME, ROW_COUNT, STATUS FROM _EMULATOR.LOAD_HISTORY ORDER BY FILE_NAME"))
                .containsExactly("landing/in/1.json|2|LOADED", "landing/in/2.json.gz|0|LOAD_FAILED");
        assertThat(Files.exists(stage("in/1.json"))).as("purged").isFalse();
        assertThat(Files.exists(stage("in/2.json.gz"))).as("a failed file stays").isTrue();

        w.sql("PUT 'file://" + ndjson("3.json", "{\"id\": 3}") + "' @landing/in");
        assertThat(w.sql("ALTER PIPE events_pipe REFRESH")).containsExactly("landing/in/3.json.gz|SENT");
        assertThat(w.sql("SELECT id FROM events ORDER BY id")).containsExactly("1", "2", "3");
    }

    @Test
    void should_refuse_what_it_cannot_load_with_a_clear_error() throws Exception {
        assertThatThrownBy(() -> w.sql("COPY INTO events FROM @landing FILE_FORMAT = (TYPE = CSV)"))
                .hasMessageContaining("TYPE = JSON and COMPRESSION only");
        assertThatThrownBy(() -> w.sql("COPY INTO events FROM @nowhere " + JSON))
                .hasMessageContaining("Stage 'TESTDB.PUBLIC.NOWHERE' does not exist");
        assertThatThrownBy(() -> w.sql("CREATE PIPE p AUTO_INGEST = TRUE AS COPY INTO events FROM @landing "
                + JSON)).hasMessageContaining("AUTO_INGEST = TRUE");
        assertThatThrownBy(() -> w.sql("PUT 'file://" + dir.resolve("missing.json") + "' @landing"))
                .hasMessageContaining("File doesn't exist");
    }

    private Path ndjson(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private Path stage(String path) {
        return dir.resolve("warehouse/stages/TESTDB/PUBLIC/LANDING").resolve(path);
    }

    private long stagedSize(String path) throws IOException {
        return Files.size(stage(path));
    }
}
