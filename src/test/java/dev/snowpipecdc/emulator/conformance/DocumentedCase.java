package dev.snowpipecdc.emulator.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One example from Snowflake's documentation, as the files in src/test/resources/conformance hold it: where it is
 * documented, the statements (each in the session it runs in), and what the documentation prints: a header and rows,
 * or an error.
 *
 * <pre>
 * -- name: parse-json-path
 * -- source: https://docs.snowflake.com/en/...
 * -- note: unordered            (optional notes; "unordered" compares the rows as a set, as does a query
 *                               without ORDER BY)
 * CREATE TABLE t (v VARIANT);   (statements end with ';' at the end of a line)
 * -- session 2:                 (the next statement runs in a second session)
 * SELECT v:a FROM t;
 * -- expect:
 * -- V:A                        (the header as printed, then one line per row; cells split by '|', \| escapes)
 * -- 1
 * -- end
 * </pre>
 * or {@code -- expect-error: <code or message>} instead of the expect block.
 */
record DocumentedCase(String area, String name, String source, List<String> notes, List<Statement> statements,
                      List<String> header, List<List<String>> rows, Optional<String> error) {

    /** A statement and the session (1 or 2) it runs in. */
    record Statement(int session, String sql) {
    }

    /**
     * Whether the rows are compared as a set: when a note says so, and when the query has no ORDER BY of its own
     * (SQL then leaves the order open, whatever order the documentation happened to print).
     */
    boolean unordered() {
        String query = statements.isEmpty() ? "" : statements.get(statements.size() - 1).sql()
                .replaceAll("(?is)OVER\\s*\\([^)]*\\)", "").toUpperCase(java.util.Locale.ROOT);
        return notes.stream().anyMatch(note -> note.toLowerCase().contains("unordered"))
                || !query.matches("(?s).*\\bORDER\\s+BY\\b.*");
    }

    /** The cases of one file, its name (without .sql) their area. */
    static List<DocumentedCase> parse(String area, String text) {
        List<DocumentedCase> cases = new ArrayList<>();
        Builder current = null;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("-- name:")) {
                current = new Builder(area, value(trimmed));
                continue;
            }
            if (current == null || trimmed.isEmpty() && current.sql.isEmpty()) {
                continue;
            }
            if (current.expecting) {
                if (trimmed.equals("-- end")) {
                    cases.add(current.build());
                    current = null;
                } else if (trimmed.startsWith("--")) {
                    List<String> cells = cells(trimmed.length() > 2 ? trimmed.substring(3) : "");
                    if (current.header == null) {
                        current.header = cells;
                    } else {
                        current.rows.add(cells);
                    }
                }
                continue;
            }
            if (trimmed.startsWith("-- source:")) {
                current.source = value(trimmed);
            } else if (trimmed.startsWith("-- note:")) {
                current.notes.add(value(trimmed));
            } else if (trimmed.startsWith("-- session 2:")) {
                current.nextSession = 2;
            } else if (trimmed.equals("-- expect:")) {
                current.endStatement();
                current.expecting = true;
            } else if (trimmed.startsWith("-- expect-error:")) {
                current.endStatement();
                current.error = Optional.of(value(trimmed));
                current.expecting = true;
                current.header = List.of();
            } else if (!trimmed.startsWith("--")) {
                current.sql.append(line).append('\n');
                if (trimmed.endsWith(";")) {
                    current.endStatement();
                }
            }
        }
        return cases;
    }

    private static String value(String directive) {
        return directive.substring(directive.indexOf(':') + 1).strip();
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    private static final class Builder {
        private final String area;
        private final String name;
        private String source = "";
        private final List<String> notes = new ArrayList<>();
        private final List<Statement> statements = new ArrayList<>();
        private final StringBuilder sql = new StringBuilder();
        private int nextSession = 1;
        private boolean expecting;
        private List<String> header;
        private final List<List<String>> rows = new ArrayList<>();
        private Optional<String> error = Optional.empty();

        Builder(String area, String name) {
            this.area = area;
            this.name = name;
        }

        void endStatement() {
            String statement = sql.toString().strip();
            if (statement.endsWith(";")) {
                statement = statement.substring(0, statement.length() - 1).strip();
            }
            if (!statement.isEmpty()) {
                statements.add(new Statement(nextSession, statement));
                nextSession = 1;
            }
            sql.setLength(0);
        }

        DocumentedCase build() {
            return new DocumentedCase(area, name, source, List.copyOf(notes), List.copyOf(statements),
                    header == null ? List.of() : header, List.copyOf(rows), error);
        }
    }
}
