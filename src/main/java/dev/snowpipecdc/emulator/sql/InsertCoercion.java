package dev.snowpipecdc.emulator.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.snowpipecdc.emulator.sql.EmulatorCatalog.ObjectName;
import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlToken.Kind;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;

/**
 * Snowflake converts what an INSERT gives to the types of the columns it fills, where DuckDB would refuse or keep
 * a different text; known only when the target's column types are, so done on the translated INSERT:
 * <ul>
 *   <li>a timestamp literal with an offset ({@code '2024-01-02 16:00:00 +00:00'}) in VALUES: a TIMESTAMP_NTZ
 *       column ignores the offset, a TIMESTAMP_LTZ / _TZ one reads it (DuckDB wants no space before it);</li>
 *   <li>a VARIANT from a query into a VARCHAR column: its string's text, without the quotes of its JSON.</li>
 * </ul>
 */
final class InsertCoercion {

    private static final Pattern TIMESTAMP_WITH_OFFSET = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)");

    private record Column(String name, String type) {
    }

    private InsertCoercion() {
    }

    /** A Snowflake timestamp literal as DuckDB reads it for a column (or cast) of that DuckDB type. */
    static String timestampLiteral(String value, String duckType) {
        Matcher m = TIMESTAMP_WITH_OFFSET.matcher(value.strip());
        if (!m.matches()) {
            return value;
        }
        return duckType.equals("TIMESTAMP") ? m.group(1) : m.group(1) + m.group(2);
    }

    static String apply(Connection duck, EmulatorSession session, String duckInsert) throws SQLException {
        List<SqlToken> tokens = SqlTokenizer.tokenizeStandard(duckInsert);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isTrivia()) {
                at.add(i);
            }
        }
        if (at.size() < 4 || !tokens.get(at.get(0)).isWord("INSERT") || !tokens.get(at.get(1)).isWord("INTO")) {
            return duckInsert;
        }
        int k = 2;
        List<String> name = new ArrayList<>();
        while (k < at.size() && isName(tokens.get(at.get(k)))) {
            name.add(SqlNames.name(tokens.get(at.get(k))));
            if (k + 1 < at.size() && tokens.get(at.get(k + 1)).isSymbol(".")) {
                k += 2;
            } else {
                k++;
                break;
            }
        }
        if (name.isEmpty() || name.size() > 3 || k >= at.size()) {
            return duckInsert;
        }
        List<String> listed = new ArrayList<>();
        if (tokens.get(at.get(k)).isSymbol("(") && !isQueryStart(tokens, at, k + 1)) {
            k++;
            while (k < at.size() && !tokens.get(at.get(k)).isSymbol(")")) {
                listed.add(SqlNames.name(tokens.get(at.get(k))));
                k++;
                if (k < at.size() && tokens.get(at.get(k)).isSymbol(",")) {
                    k++;
                }
            }
            k++;
        }
        if (k >= at.size()) {
            return duckInsert;
        }
        boolean values = tokens.get(at.get(k)).isWord("VALUES");
        if (!values && !isQueryStart(tokens, at, k)) {
            return duckInsert;
        }
        if (values && tokens.stream().noneMatch(t -> t.kind() == Kind.STRING
                && TIMESTAMP_WITH_OFFSET.matcher(t.text().substring(1, t.text().length() - 1).strip()).matches())) {
            // no literal to read differently: the table's columns need not be looked up
            return duckInsert;
        }
        List<Column> table = columns(duck, session.resolve(name));
        if (table.isEmpty()) {
            return duckInsert;
        }
        List<Column> targets = listed.isEmpty() ? table : listed.stream().map(column -> table.stream()
                .filter(c -> c.name().equals(column)).findFirst().orElse(new Column(column, ""))).toList();
        if (values) {
            return values(tokens, at.get(k) + 1, targets, render(tokens, 0, at.get(k) + 1));
        }
        return query(duck, render(tokens, 0, at.get(k)), render(tokens, at.get(k), tokens.size()), targets)
                .orElse(duckInsert);
    }

    /** VALUES rows: each literal read for its column's type. */
    private static String values(List<SqlToken> tokens, int from, List<Column> targets, String head) {
        StringBuilder out = new StringBuilder(head);
        int depth = 0;
        int position = 0;
        for (int i = from; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
                if (depth == 1) {
                    position = 0;
                }
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (t.isSymbol(",") && depth == 1) {
                position++;
            }
            if (depth == 1 && t.kind() == Kind.STRING && position < targets.size() && alone(tokens, i)) {
                String type = targets.get(position).type();
                if (type.equals("TIMESTAMP") || type.equals("TIMESTAMP WITH TIME ZONE")) {
                    // a standard string: only '' escapes
                    String value = t.text().substring(1, t.text().length() - 1).replace("''", "'");
                    out.append('\'').append(timestampLiteral(value, type).replace("'", "''")).append('\'');
                    continue;
                }
            }
            out.append(t.text());
        }
        return out.toString();
    }

    /** A query's VARIANT columns going into VARCHAR columns are read as text. */
    private static Optional<String> query(Connection duck, String head, String query, List<Column> targets)
            throws SQLException {
        if (targets.stream().noneMatch(c -> c.type().equals("VARCHAR"))) {
            return Optional.empty();
        }
        List<String> sourceTypes = new ArrayList<>();
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE " + query)) {
            while (rs.next()) {
                sourceTypes.add(rs.getString("column_type"));
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
        if (sourceTypes.size() != targets.size()) {
            return Optional.empty();
        }
        boolean converts = false;
        List<String> select = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            String column = "#" + (i + 1);
            if (targets.get(i).type().equals("VARCHAR") && sourceTypes.get(i).equals("JSON")) {
                select.add(FunctionCalls.text(column));
                converts = true;
            } else {
                select.add(column);
            }
        }
        return converts ? Optional.of(head + "SELECT " + String.join(", ", select) + " FROM (" + query + ")")
                : Optional.empty();
    }

    private static List<Column> columns(Connection duck, ObjectName table) throws SQLException {
        return EmulatorCatalog.columnTypes(duck, table).entrySet().stream()
                .map(e -> new Column(e.getKey(), e.getValue())).toList();
    }

    /** The literal is a whole VALUES element: nothing but ',' or parentheses around it. */
    private static boolean alone(List<SqlToken> tokens, int i) {
        return neighbour(tokens, i, -1) && neighbour(tokens, i, 1);
    }

    private static boolean neighbour(List<SqlToken> tokens, int i, int step) {
        for (int j = i + step; j >= 0 && j < tokens.size(); j += step) {
            SqlToken t = tokens.get(j);
            if (!t.isTrivia()) {
                return t.isSymbol(",") || t.isSymbol(step < 0 ? "(" : ")");
            }
        }
        return false;
    }

    private static boolean isQueryStart(List<SqlToken> tokens, List<Integer> at, int k) {
        if (k >= at.size()) {
            return false;
        }
        SqlToken t = tokens.get(at.get(k));
        return t.isWord("SELECT") || t.isWord("WITH") || t.isWord("FROM")
                || (t.isSymbol("(") && isQueryStart(tokens, at, k + 1));
    }

    private static boolean isName(SqlToken t) {
        return t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENTIFIER;
    }

    private static String render(List<SqlToken> tokens, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            out.append(tokens.get(i).text());
        }
        return out.toString();
    }
}
