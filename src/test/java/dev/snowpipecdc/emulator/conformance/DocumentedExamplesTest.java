package dev.snowpipecdc.emulator.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snowpipecdc.cli.SnowflakeDisplay;
import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded warehouse against Snowflake's documentation: every example in src/test/resources/conformance (each
 * with the page it is from and the result the page prints) runs on a warehouse of its own, and its result is
 * compared with the documented one: the header (case and spaces aside), and each cell (as the `sql` verb prints it,
 * SnowflakeDisplay) as text, as a number, as JSON or as a boolean. An example that is documented to fail must fail, with the documented code or message.
 * <p>
 * The examples that do not reproduce yet are listed, each with what differs, in known-differences.txt: the test
 * fails when an example fails that is not listed (a regression, or a new example that needs a look) and when a listed
 * one passes (take it off the list). The pass rate per area is printed and written to
 * target/conformance-report.md, from which docs/embedded-warehouse.md takes it.
 */
class DocumentedExamplesTest {

    static final List<String> AREAS = List.of("semi-structured", "merge", "streams", "functions",
            "dynamic-tables-tasks");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Messages of the engine under the emulator, which a user should never see. */
    private static final Pattern ENGINE_MESSAGE = Pattern.compile(
            "(Parser|Binder|Catalog|Conversion|Invalid Input|Not implemented|Out of Range|Constraint) Error|duckdb",
            Pattern.CASE_INSENSITIVE);

    @TempDir
    Path dir;

    @Test
    void should_reproduce_snowflakes_documented_examples_but_the_known_differences() throws Exception {
        Map<String, String> known = knownDifferences();
        Map<String, List<Outcome>> byArea = new LinkedHashMap<>();
        int run = 0;
        for (String area : AREAS) {
            for (DocumentedCase example : DocumentedCase.parse(area, resource(area + ".sql"))) {
                byArea.computeIfAbsent(area, a -> new ArrayList<>()).add(run(example, dir.resolve("case-" + run++)));
            }
        }
        String report = report(byArea);
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "conformance-report.md"), report);

        List<String> unexpected = new ArrayList<>();
        List<String> nowPassing = new ArrayList<>();
        byArea.values().stream().flatMap(List::stream).forEach(outcome -> {
            String id = outcome.example().area() + "/" + outcome.example().name();
            if (!outcome.passed() && !known.containsKey(id)) {
                unexpected.add(id + ": " + outcome.difference());
            }
            if (outcome.passed() && known.containsKey(id)) {
                nowPassing.add(id);
            }
        });
        assertThat(unexpected).as("documented examples that fail and are not in known-differences.txt").isEmpty();
        assertThat(nowPassing).as("documented examples that pass now: take them off known-differences.txt")
                .isEmpty();
    }

    /** What running an example gave: passed, or the difference. */
    record Outcome(DocumentedCase example, boolean passed, String difference, boolean engineMessage) {
    }

    private static Outcome run(DocumentedCase example, Path warehouseDir) {
        try (EmbeddedWarehouse warehouse = EmbeddedWarehouse.start(warehouseDir, "TESTDB", "PUBLIC", 1);
             Connection first = warehouse.dataSource().getConnection();
             Connection second = warehouse.dataSource().getConnection()) {
            List<String> header = List.of();
            List<List<String>> rows = List.of();
            for (DocumentedCase.Statement statement : example.statements()) {
                try (Statement st = (statement.session() == 2 ? second : first).createStatement()) {
                    if (st.execute(statement.sql())) {
                        List<List<Object>> values;
                        try (ResultSet rs = st.getResultSet()) {
                            header = header(rs.getMetaData());
                            values = rows(rs);
                        }
                        SnowflakeDisplay display = SnowflakeDisplay.of(statement.session() == 2 ? second : first);
                        rows = values.stream().map(row -> row.stream().map(display::text).toList()).toList();
                    } else {
                        header = List.of("number of rows affected");
                        rows = List.of(List.of(String.valueOf(st.getUpdateCount())));
                    }
                } catch (SQLException e) {
                    String message = String.valueOf(e.getMessage());
                    boolean last = statement == example.statements().get(example.statements().size() - 1);
                    if (last && example.error().isPresent()) {
                        return errorMatches(example.error().get(), message)
                                ? new Outcome(example, true, "", false)
                                : new Outcome(example, false, "error differs: " + oneLine(message),
                                ENGINE_MESSAGE.matcher(message).find());
                    }
                    return new Outcome(example, false, "fails: " + oneLine(message),
                            ENGINE_MESSAGE.matcher(message).find());
                }
            }
            if (example.error().isPresent()) {
                return new Outcome(example, false, "no error (documented: " + example.error().get() + ")", false);
            }
            return compare(example, header, rows);
        } catch (Exception e) {
            return new Outcome(example, false, "fails: " + oneLine(String.valueOf(e.getMessage())),
                    ENGINE_MESSAGE.matcher(String.valueOf(e.getMessage())).find());
        }
    }

    private static Outcome compare(DocumentedCase example, List<String> header, List<List<String>> rows) {
        List<List<String>> expected = example.rows();
        if (expected.size() != rows.size()) {
            return new Outcome(example, false, "rows: " + rows.size() + " (documented " + expected.size() + "): "
                    + oneLine(render(rows)), false);
        }
        List<List<String>> actual = rows;
        if (example.unordered()) {
            // each documented row matched by a row of the result, in any order
            List<List<String>> left = new ArrayList<>(rows);
            for (List<String> row : expected) {
                int found = -1;
                for (int a = 0; a < left.size() && found < 0; a++) {
                    if (rowMatches(row, left.get(a))) {
                        found = a;
                    }
                }
                if (found < 0) {
                    return new Outcome(example, false, "no row " + String.join("|", row) + " in: "
                            + oneLine(render(rows)), false);
                }
                left.remove(found);
            }
            expected = List.of();
        }
        for (int r = 0; r < expected.size(); r++) {
            if (!rowMatches(expected.get(r), actual.get(r))) {
                return new Outcome(example, false, "row " + (r + 1) + ": " + String.join("|", actual.get(r))
                        + " (documented " + String.join("|", expected.get(r)) + ")", false);
            }
        }
        if (!example.header().isEmpty() && !headerMatches(example.header(), header)) {
            return new Outcome(example, false, "header: " + String.join("|", header) + " (documented "
                    + String.join("|", example.header()) + ")", false);
        }
        return new Outcome(example, true, "", false);
    }

    private static boolean headerMatches(List<String> documented, List<String> actual) {
        return documented.size() == actual.size() && documented.stream().map(DocumentedExamplesTest::label).toList()
                .equals(actual.stream().map(DocumentedExamplesTest::label).toList());
    }

    private static String label(String column) {
        return column.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    private static boolean rowMatches(List<String> documented, List<String> actual) {
        if (documented.size() != actual.size()) {
            return false;
        }
        for (int c = 0; c < documented.size(); c++) {
            if (!cellMatches(documented.get(c), actual.get(c))) {
                return false;
            }
        }
        return true;
    }

    /** Text, number, boolean or JSON equality; NULL for SQL NULL. */
    static boolean cellMatches(String documented, String actual) {
        if (actual == null) {
            return documented.equalsIgnoreCase("NULL");
        }
        if (documented.equals(actual.strip())) {
            return true;
        }
        if (documented.equalsIgnoreCase(actual) && (actual.equalsIgnoreCase("true")
                || actual.equalsIgnoreCase("false"))) {
            return true;
        }
        try {
            return new BigDecimal(documented).compareTo(new BigDecimal(actual.strip())) == 0;
        } catch (NumberFormatException notNumbers) {
            // not both numbers
        }
        if (documented.startsWith("{") || documented.startsWith("[") || documented.startsWith("\"")) {
            try {
                JsonNode expected = JSON.readTree(documented);
                JsonNode got = JSON.readTree(actual);
                return Objects.equals(expected, got);
            } catch (IOException notJson) {
                return false;
            }
        }
        return false;
    }

    private static boolean errorMatches(String documented, String message) {
        if (documented.isBlank()) {
            return true;
        }
        String code = documented.split("[ (]", 2)[0];
        if (code.matches("\\d{6}")) {
            return message.contains(code);
        }
        return message.toLowerCase(Locale.ROOT).contains(documented.toLowerCase(Locale.ROOT));
    }

    private static List<String> header(ResultSetMetaData meta) throws SQLException {
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            header.add(meta.getColumnLabel(i));
        }
        return header;
    }

    private static List<List<Object>> rows(ResultSet rs) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                row.add(rs.getObject(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String render(List<List<String>> rows) {
        return rows.stream().limit(5).map(row -> String.join("|", row.stream().map(String::valueOf).toList()))
                .collect(Collectors.joining("; ")) + (rows.size() > 5 ? "; ..." : "");
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 240 ? line.substring(0, 240) + "..." : line;
    }

    /** Per area: examples, reproduced, and what differs for the others. */
    static String report(Map<String, List<Outcome>> byArea) {
        StringBuilder report = new StringBuilder("| area | examples | reproduced | rate | failing with an engine message |\n"
                + "|---|---|---|---|---|\n");
        int all = 0;
        int passed = 0;
        for (Map.Entry<String, List<Outcome>> area : byArea.entrySet()) {
            int n = area.getValue().size();
            int ok = (int) area.getValue().stream().filter(Outcome::passed).count();
            int engine = (int) area.getValue().stream().filter(Outcome::engineMessage).count();
            all += n;
            passed += ok;
            report.append(String.format(Locale.ROOT, "| %s | %d | %d | %d %% | %d |%n", area.getKey(), n, ok,
                    Math.round(100.0 * ok / n), engine));
        }
        report.append(String.format(Locale.ROOT, "| all | %d | %d | %d %% | |%n%n", all, passed,
                Math.round(100.0 * passed / all)));
        for (Map.Entry<String, List<Outcome>> area : byArea.entrySet()) {
            for (Outcome outcome : area.getValue()) {
                if (!outcome.passed()) {
                    report.append(area.getKey()).append('/').append(outcome.example().name()).append(": ")
                            .append(outcome.difference()).append('\n');
                }
            }
        }
        return report.toString();
    }

    private static Map<String, String> knownDifferences() throws IOException {
        Map<String, String> known = new TreeMap<>();
        for (String line : resource("known-differences.txt").split("\n")) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            int colon = entry.indexOf(": ");
            known.put(colon < 0 ? entry : entry.substring(0, colon), colon < 0 ? "" : entry.substring(colon + 2));
        }
        return known;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DocumentedExamplesTest.class.getResourceAsStream("/conformance/" + name)) {
            if (in == null) {
                throw new IOException("No conformance/" + name + " on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
