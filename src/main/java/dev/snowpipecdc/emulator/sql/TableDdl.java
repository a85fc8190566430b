package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlToken.Kind;

import static dev.snowpipecdc.emulator.sql.SqlNames.name;
import static dev.snowpipecdc.emulator.sql.SqlNames.quote;

/**
 * {@code CREATE TABLE} with a column list, and {@code CREATE TABLE ... CLONE}: column definitions with Snowflake's
 * types, AUTOINCREMENT/IDENTITY as sequences (setup statements), constraints remembered but not created, table
 * options DuckDB has no use for dropped.
 */
final class TableDdl extends TranslatorPart {

    static final Set<String> TABLE_OPTIONS = Set.of("CLUSTER", "DATA_RETENTION_TIME_IN_DAYS",
            "MAX_DATA_EXTENSION_TIME_IN_DAYS", "CHANGE_TRACKING", "COMMENT", "COPY", "STAGE_FILE_FORMAT",
            "STAGE_COPY_OPTIONS", "DEFAULT_DDL_COLLATION", "ENABLE_SCHEMA_EVOLUTION", "WITH");

    /** DuckDB statements to run before the translated statement (sequences). */
    final List<String> setup = new ArrayList<>();
    /** The declared primary key (not enforced by Snowflake, so not created; remembered for streams). */
    final List<String> primaryKey = new ArrayList<>();
    private List<String> tableParts = List.of();

    TableDdl(SnowflakeSqlTranslator translator, TranslationContext context) {
        super(translator, context);
    }

    /**
     * {@code CREATE [OR REPLACE] TABLE t CLONE s}: a copy of s's columns and rows as they are now (DuckDB has no
     * zero-copy clone; the copy is as independent of s as Snowflake's clone is). Time travel (AT, BEFORE) is not
     * kept here, so a clone of a past state is refused.
     */
    Optional<String> cloneTable() throws SQLException {
        int create = meaningful(0);
        if (!isWord(create, "CREATE")) {
            return Optional.empty();
        }
        int table = -1;
        for (int i = meaningful(create + 1); i >= 0 && i < tokens.size(); i = meaningful(i + 1)) {
            if (isWord(i, "TABLE")) {
                table = i;
                break;
            }
            if (!isWord(i, "OR") && !isWord(i, "REPLACE") && !isWord(i, "TRANSIENT") && !isWord(i, "TEMPORARY")
                    && !isWord(i, "TEMP")) {
                return Optional.empty();
            }
        }
        int clone = -1;
        for (int i = table < 0 ? -1 : meaningful(table + 1); i >= 0 && i < tokens.size(); i = meaningful(i + 1)) {
            if (isWord(i, "CLONE")) {
                clone = i;
                break;
            }
            if (!isName(i) && !isSymbolAt(i, ".")) {
                return Optional.empty();
            }
        }
        if (clone < 0) {
            return Optional.empty();
        }
        int source = meaningful(clone + 1);
        int end = source;
        while (end >= 0 && end < tokens.size() && (isName(end) || isSymbolAt(end, "."))) {
            if (isWord(end, "AT") || isWord(end, "BEFORE")) {
                throw unsupported("CLONE of a past state (" + upper(tokens.get(end)) + ")", tokens.get(end));
            }
            end = meaningful(end + 1);
        }
        if (end >= 0 && end < tokens.size()) {
            throw unsupported("CLONE with " + render(tokens.get(end)), tokens.get(end));
        }
        String head = render(0, clone).replaceAll("(?i)\\bTRANSIENT\\s+", "").strip();
        return Optional.of(head + " AS SELECT * FROM " + rewrite(source, tokens.size()).strip());
    }

    /** Index of the '(' opening the column list of a CREATE TABLE, or -1 when this is not one. */
    int createTableColumnList() {
        int i = meaningful(0);
        if (!isWord(i, "CREATE")) {
            return -1;
        }
        i = meaningful(i + 1);
        if (isWord(i, "OR")) {
            i = meaningful(meaningful(i + 1) + 1);
        }
        while (isWord(i, "TRANSIENT") || isWord(i, "TEMPORARY") || isWord(i, "TEMP") || isWord(i, "LOCAL")
                || isWord(i, "GLOBAL") || isWord(i, "VOLATILE")) {
            i = meaningful(i + 1);
        }
        if (!isWord(i, "TABLE")) {
            return -1;
        }
        i = meaningful(i + 1);
        if (isWord(i, "IF")) {
            i = meaningful(meaningful(meaningful(i + 1) + 1) + 1);
        }
        while (i >= 0 && !tokens.get(i).isSymbol("(")) {
            if (isWord(i, "AS") || (!isName(i) && !tokens.get(i).isSymbol("."))) {
                return -1;
            }
            i = meaningful(i + 1);
        }
        return i;
    }

    String createTable(int open) throws SQLException {
        int close = matchParen(open);
        StringBuilder out = new StringBuilder();
        // the head, without TRANSIENT (DuckDB tables have no Fail-safe to skip)
        for (int i = 0; i < open; i++) {
            SqlToken t = tokens.get(i);
            if (t.isWord("TRANSIENT")) {
                continue;
            }
            out.append(render(t));
        }
        String table = tableNameBefore(open);
        List<String> elements = new ArrayList<>();
        int i = open + 1;
        while (i < close) {
            int end = elementEnd(i, close);
            String element = columnDefinition(i, end, table);
            if (!element.isBlank()) {
                elements.add(element);
            }
            i = end + 1;
        }
        out.append('(').append(String.join(",", elements)).append(')');
        int after = meaningful(close + 1);
        if (after >= 0 && TABLE_OPTIONS.contains(upper(tokens.get(after)))) {
            return out.toString();
        }
        if (after >= 0 && isWord(after, "AS")) {
            // CREATE TABLE t (columns) AS SELECT ...: DuckDB takes either the columns or the query; the table with
            // its columns first, then the query's rows into them by position, as Snowflake casts them
            setup.add(out.toString());
            return "INSERT INTO " + String.join(".", tableParts.stream().map(SqlNames::quote).toList())
                    + " " + rewrite(meaningful(after + 1), tokens.size()).strip();
        }
        return out.toString();
    }

    String columnDefinition(int from, int to, String table) throws SQLException {
        int first = meaningful(from);
        if (first < 0 || first >= to) {
            return render(from, to);
        }
        String word = upper(tokens.get(first));
        if (Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN").contains(word)) {
            tableConstraint(first, to);
            return "";
        }
        if (word.equals("CHECK")) {
            throw unsupported("CHECK constraints", tokens.get(first));
        }
        StringBuilder out = new StringBuilder(render(from, first));
        String column = name(tokens.get(first));
        // always quoted: a Snowflake column name may be a keyword in DuckDB (AT, ...); the name is already resolved
        out.append(quote(column));
        int typeStart = meaningful(first + 1);
        int[] typeEnd = new int[1];
        String type = type(typeStart, typeEnd);
        out.append(' ').append(type);
        int i = typeEnd[0] + 1;
        while (i < to) {
            SqlToken t = tokens.get(i);
            if (t.isWord("COMMENT")) {
                i = meaningful(i + 1) + 1;
                continue;
            }
            if (t.isWord("AUTOINCREMENT") || t.isWord("IDENTITY")) {
                i = autoIncrement(i, to, table, column, out);
                continue;
            }
            if (t.isWord("COLLATE")) {
                throw unsupported("COLLATE", t);
            }
            // constraints Snowflake declares but does not enforce: not created in DuckDB
            if (t.isWord("PRIMARY")) {
                primaryKey.add(column);
                i = meaningful(meaningful(i + 1) + 1);
                i = i < 0 ? to : i;
                continue;
            }
            if (t.isWord("UNIQUE")) {
                i = meaningful(i + 1);
                i = i < 0 ? to : i;
                continue;
            }
            if (t.isWord("REFERENCES")) {
                int target = meaningful(i + 1);
                while (target >= 0 && target < to && (isName(target) || tokens.get(target).isSymbol("."))) {
                    target = meaningful(target + 1);
                }
                i = target >= 0 && target < to && tokens.get(target).isSymbol("(") ? matchParen(target) + 1 : to;
                continue;
            }
            int next = Math.min(to, expressionOrTokenEnd(i, to));
            out.append(rewrite(i, next));
            i = next;
        }
        return out.toString();
    }

    /** [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols) | FOREIGN KEY (cols) REFERENCES t (cols): dropped. */
    void tableConstraint(int first, int to) throws SQLException {
        int i = first;
        if (isWord(i, "CONSTRAINT")) {
            i = meaningful(meaningful(i + 1) + 1);
        }
        if (isWord(i, "PRIMARY")) {
            int open = meaningful(meaningful(i + 1) + 1);
            int close = matchParen(open);
            for (int[] range : argumentRanges(open, close)) {
                primaryKey.add(name(tokens.get(meaningful(range[0]))));
            }
        }
    }

    /** AUTOINCREMENT / IDENTITY [(start, step) | START s INCREMENT i] [ORDER|NOORDER] → a sequence default. */
    int autoIncrement(int at, int to, String table, String column, StringBuilder out) throws SQLException {
        long start = 1;
        long step = 1;
        int i = meaningful(at + 1);
        if (i >= 0 && i < to && tokens.get(i).isSymbol("(")) {
            int close = matchParen(i);
            List<String> args = arguments(i, close);
            start = Long.parseLong(args.get(0).strip());
            step = args.size() > 1 ? Long.parseLong(args.get(1).strip()) : 1;
            i = meaningful(close + 1);
        }
        while (i >= 0 && i < to && (isWord(i, "START") || isWord(i, "INCREMENT") || isWord(i, "ORDER")
                || isWord(i, "NOORDER"))) {
            if (isWord(i, "START") || isWord(i, "INCREMENT")) {
                boolean isStart = isWord(i, "START");
                int value = meaningful(i + 1);
                if (isWord(value, "WITH") || isWord(value, "BY") || (value >= 0 && tokens.get(value).isSymbol("="))) {
                    value = meaningful(value + 1);
                }
                long n = Long.parseLong(tokens.get(value).text());
                if (isStart) {
                    start = n;
                } else {
                    step = n;
                }
                i = meaningful(value + 1);
            } else {
                i = meaningful(i + 1);
            }
        }
        // qualified like the table, so that inserts from any schema find it; replaced with the table
        String sequence = sequenceName(table, column);
        if (replacesTable()) {
            // the old table depends on the old sequence: it goes first (CREATE OR REPLACE replaces it anyway)
            setup.add("DROP TABLE IF EXISTS " + String.join(".", tableParts.stream()
                    .map(SqlNames::quote).toList()));
        }
        setup.add("CREATE " + (replacesTable() ? "OR REPLACE " : "") + "SEQUENCE " + (replacesTable() ? ""
                : "IF NOT EXISTS ") + sequence + " START " + start + " INCREMENT " + step);
        out.append(" DEFAULT nextval('").append(sequence.replace("'", "''")).append("')");
        return i < 0 ? to : i;
    }

    String sequenceName(String table, String column) {
        List<String> parts = new ArrayList<>(tableParts);
        String name = (table + "_" + column + "_SEQ").replace("\"", "");
        if (parts.size() < 3 && context.currentSchema().isPresent()) {
            parts = new ArrayList<>(List.of(context.currentDatabase().orElseThrow(), context.currentSchema().get(),
                    table));
            if (tableParts.size() == 2) {
                parts.set(1, tableParts.get(0));
            }
        }
        if (parts.size() <= 1) {
            return quote(name);
        }
        parts.set(parts.size() - 1, name);
        return String.join(".", parts.stream().map(SqlNames::quote).toList());
    }

    boolean replacesTable() {
        return isWord(meaningful(meaningful(0) + 1), "OR");
    }

    String tableNameBefore(int open) {
        List<String> parts = new ArrayList<>();
        for (int i = open - 1; i >= 0; i--) {
            SqlToken t = tokens.get(i);
            if (t.isTrivia() || t.isSymbol(".")) {
                continue;
            }
            if (!isName(i) || t.isWord("EXISTS") || t.isWord("TABLE")) {
                break;
            }
            parts.add(0, name(t));
        }
        tableParts = parts;
        return parts.isEmpty() ? "T" : parts.get(parts.size() - 1);
    }

    /** End of one column option: a parenthesised group or a single token. */
    int expressionOrTokenEnd(int i, int to) throws SQLException {
        if (tokens.get(i).isSymbol("(")) {
            return matchParen(i) + 1;
        }
        if (tokens.get(i).kind() == Kind.WORD && isSymbolAt(meaningful(i + 1), "(")) {
            return matchParen(meaningful(i + 1)) + 1;
        }
        return i + 1;
    }
}
