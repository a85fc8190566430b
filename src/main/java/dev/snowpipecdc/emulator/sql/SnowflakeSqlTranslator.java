package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlToken.Kind;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;

/**
 * Rewrites one Snowflake statement into DuckDB SQL, token by token (never by regular expressions over the text).
 *
 * <ul>
 *   <li>Unquoted identifiers are upper-cased, Snowflake's rule; quoted ones are kept. VARIANT path keys keep their
 *       case, as in Snowflake.</li>
 *   <li>Data types are mapped ({@link SnowflakeTypes}) in column definitions, {@code ::} casts and
 *       {@code CAST}/{@code TRY_CAST}.</li>
 *   <li>VARIANT paths {@code col:a.b[0]} and {@code col['k']} become DuckDB JSON extraction; a {@code ::TYPE}
 *       after a path extracts the scalar and casts it.</li>
 *   <li>Functions without a DuckDB twin are rewritten (IFF, EQUAL_NULL, PARSE_JSON, OBJECT_CONSTRUCT, DATEADD,
 *       DATEDIFF, NVL, ...); session functions, stream references and table functions are resolved through the
 *       {@link TranslationContext}.</li>
 *   <li>String literals with Snowflake's backslash escapes and {@code $$} strings become standard literals.</li>
 *   <li>{@code CREATE TABLE}: AUTOINCREMENT/IDENTITY columns get a sequence (a setup statement), column comments
 *       and table options DuckDB has no use for (CLUSTER BY, DATA_RETENTION_TIME_IN_DAYS, CHANGE_TRACKING,
 *       COMMENT) are dropped, TRANSIENT is dropped.</li>
 * </ul>
 * Constructs it knows it cannot run faithfully fail with {@link SqlException}.
 */
public final class SnowflakeSqlTranslator {

    /**
     * DuckDB statements to run before the translated statement (e.g. sequences), the statement, and for a
     * CREATE TABLE its declared primary key (constraints are not enforced by Snowflake, so they are not created
     * in DuckDB; the key is remembered for streams).
     */
    public record Translation(List<String> setup, String sql, List<String> primaryKey) {
    }

    private static final Set<String> TABLE_POSITION_KEYWORDS = Set.of("FROM", "JOIN", "USING");
    private static final Set<String> FROM_CLAUSE_ENDS = Set.of("WHERE", "GROUP", "HAVING", "QUALIFY", "ORDER",
            "LIMIT", "UNION", "EXCEPT", "INTERSECT", "MINUS", "ON", "WINDOW", "SET", "WHEN", "SELECT", "VALUES");
    private static final Set<String> FUNCTIONS_WITH_FROM = Set.of("EXTRACT", "TRIM", "SUBSTRING", "SUBSTR",
            "OVERLAY", "POSITION");
    /** Functions rewritten here; any other function is left as it is (only its arguments are rewritten). */
    private static final Set<String> REWRITTEN_FUNCTIONS = Set.of("CAST", "TRY_CAST", "IFF", "EQUAL_NULL", "NVL",
            "IFNULL", "NVL2", "ZEROIFNULL", "DIV0", "PARSE_JSON", "TRY_PARSE_JSON", "TO_VARIANT", "TO_JSON",
            "STRIP_NULL_VALUE", "IS_NULL_VALUE",
            "OBJECT_CONSTRUCT", "OBJECT_CONSTRUCT_KEEP_NULL", "ARRAY_CONSTRUCT", "ARRAY_AGG", "LISTAGG", "DATEADD",
            "TIMEADD", "TIMESTAMPADD", "DATEDIFF", "TIMEDIFF", "TIMESTAMPDIFF", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP",
            "GETDATE", "SYSDATE", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIME", "TO_TIMESTAMP", "TO_TIMESTAMP_NTZ",
            "TO_TIMESTAMP_LTZ", "TO_TIMESTAMP_TZ", "TO_VARCHAR", "TO_CHAR", "TO_NUMBER", "TO_DECIMAL", "TO_NUMERIC",
            "TO_BOOLEAN", "TO_DATE", "DATE", "LAST_QUERY_ID", "CURRENT_DATABASE", "CURRENT_SCHEMA",
            "CURRENT_WAREHOUSE", "CURRENT_ROLE", "CURRENT_USER", "CURRENT_ACCOUNT", "GET_PATH", "TYPEOF",
            "CONVERT_TIMEZONE");
    private static final Set<String> TABLE_OPTIONS = Set.of("CLUSTER", "DATA_RETENTION_TIME_IN_DAYS",
            "MAX_DATA_EXTENSION_TIME_IN_DAYS", "CHANGE_TRACKING", "COMMENT", "COPY", "STAGE_FILE_FORMAT",
            "STAGE_COPY_OPTIONS", "DEFAULT_DDL_COLLATION", "ENABLE_SCHEMA_EVOLUTION", "WITH");
    private static final Set<String> UNSUPPORTED_WORDS = Set.of("MATCH_RECOGNIZE", "CONNECT_BY_ROOT");
    private static final Map<String, String> DATE_PARTS = Map.ofEntries(
            Map.entry("YEAR", "YEAR"), Map.entry("YEARS", "YEAR"), Map.entry("Y", "YEAR"), Map.entry("YY", "YEAR"),
            Map.entry("YYYY", "YEAR"), Map.entry("YR", "YEAR"), Map.entry("YRS", "YEAR"),
            Map.entry("QUARTER", "QUARTER"), Map.entry("QUARTERS", "QUARTER"), Map.entry("Q", "QUARTER"),
            Map.entry("MONTH", "MONTH"), Map.entry("MONTHS", "MONTH"), Map.entry("MM", "MONTH"),
            Map.entry("MON", "MONTH"), Map.entry("MONS", "MONTH"),
            Map.entry("WEEK", "WEEK"), Map.entry("WEEKS", "WEEK"), Map.entry("W", "WEEK"), Map.entry("WK", "WEEK"),
            Map.entry("DAY", "DAY"), Map.entry("DAYS", "DAY"), Map.entry("D", "DAY"), Map.entry("DD", "DAY"),
            Map.entry("HOUR", "HOUR"), Map.entry("HOURS", "HOUR"), Map.entry("H", "HOUR"), Map.entry("HH", "HOUR"),
            Map.entry("HR", "HOUR"), Map.entry("HRS", "HOUR"),
            Map.entry("MINUTE", "MINUTE"), Map.entry("MINUTES", "MINUTE"), Map.entry("M", "MINUTE"),
            Map.entry("MI", "MINUTE"), Map.entry("MIN", "MINUTE"), Map.entry("MINS", "MINUTE"),
            Map.entry("SECOND", "SECOND"), Map.entry("SECONDS", "SECOND"), Map.entry("S", "SECOND"),
            Map.entry("SEC", "SECOND"), Map.entry("SECS", "SECOND"),
            Map.entry("MILLISECOND", "MILLISECOND"), Map.entry("MILLISECONDS", "MILLISECOND"),
            Map.entry("MS", "MILLISECOND"), Map.entry("MSEC", "MILLISECOND"),
            Map.entry("MICROSECOND", "MICROSECOND"), Map.entry("MICROSECONDS", "MICROSECOND"),
            Map.entry("US", "MICROSECOND"), Map.entry("USEC", "MICROSECOND"));

    private final String statement;
    /** The statement's tokens as written, and as rewritten (TokenRewrites), each knowing where it comes from. */
    private final List<SqlToken> written;
    private final List<TokenRewrites.Placed> placed;
    private final List<SqlToken> tokens;
    private final TranslationContext context;
    private final List<String> setup = new ArrayList<>();
    private final List<String> primaryKey = new ArrayList<>();
    private List<String> tableParts = List.of();
    /** Names the statement defines in WITH: they shadow streams of the same name. */
    private final java.util.Set<String> cteNames = new java.util.HashSet<>();
    /** The index of each call's ')' → where the call starts in the output being written. */
    private final Map<Integer, Integer> callStarts = new java.util.HashMap<>();
    /** Snowflake's names for the unaliased expressions of select lists, by the index of the token after each. */
    private Map<Integer, String> selectLabels = Map.of();
    private Set<String> flattenAliases = Set.of();

    private SnowflakeSqlTranslator(String statement, TranslationContext context) throws SQLException {
        this.statement = statement;
        this.written = SqlTokenizer.tokenize(statement);
        this.placed = TokenRewrites.apply(written);
        this.tokens = placed.stream().map(TokenRewrites.Placed::token).toList();
        this.context = context;
    }

    /** Translates a statement that needs no session state. */
    public static String translate(String statement) throws SQLException {
        Translation translation = translate(statement, TranslationContext.STATELESS);
        if (!translation.setup().isEmpty()) {
            return String.join(";\n", translation.setup()) + ";\n" + translation.sql();
        }
        return translation.sql();
    }

    public static Translation translate(String statement, TranslationContext context) throws SQLException {
        SnowflakeSqlTranslator translator = new SnowflakeSqlTranslator(statement, context);
        String sql = translator.run();
        return new Translation(translator.setup, sql, List.copyOf(translator.primaryKey));
    }

    private String run() throws SQLException {
        collectCteNames();
        selectLabels = labelsAtRewrittenTokens();
        flattenAliases = collectFlattenAliases();
        for (SqlToken t : tokens) {
            if (t.kind() == Kind.WORD && UNSUPPORTED_WORDS.contains(upper(t))) {
                throw unsupported(upper(t), t);
            }
        }
        Optional<String> clone = cloneTable();
        if (clone.isPresent()) {
            return clone.get();
        }
        int columnList = createTableColumnList();
        if (columnList >= 0) {
            return createTable(columnList);
        }
        return rewrite(0, tokens.size());
    }

    /**
     * {@code CREATE [OR REPLACE] TABLE t CLONE s}: a copy of s's columns and rows as they are now (DuckDB has no
     * zero-copy clone; the copy is as independent of s as Snowflake's clone is). Time travel (AT, BEFORE) is not
     * kept here, so a clone of a past state is refused.
     */
    private Optional<String> cloneTable() throws SQLException {
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

    /**
     * The select lists' labels are Snowflake's names of the expressions as written; they are placed at the
     * rewritten token that comes from the written one ending each item (those are never rewritten).
     */
    private Map<Integer, String> labelsAtRewrittenTokens() {
        Map<Integer, String> byWritten = SelectLabels.of(written);
        Map<Integer, String> labels = new java.util.HashMap<>();
        for (int i = 0; i < placed.size(); i++) {
            String label = byWritten.get(placed.get(i).origin());
            if (label != null) {
                labels.putIfAbsent(i, label);
            }
        }
        if (byWritten.containsKey(written.size())) {
            labels.put(tokens.size(), byWritten.get(written.size()));
        }
        return labels;
    }

    /** WITH a AS (...), b AS (...): a and b are not streams here, whatever the catalog says. */
    private void collectCteNames() {
        for (int i = 0; i < tokens.size(); i++) {
            int prev = previousMeaningful(i, 0);
            if (isName(i) && prev >= 0 && (tokens.get(prev).isWord("WITH") || tokens.get(prev).isWord("RECURSIVE")
                    || (tokens.get(prev).isSymbol(",") && isWord(meaningful(i + 1), "AS")))
                    && isWord(meaningful(i + 1), "AS") && isSymbolAt(meaningful(meaningful(i + 1) + 1), "(")) {
                cteNames.add(name(tokens.get(i)));
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- CREATE TABLE

    /** Index of the '(' opening the column list of a CREATE TABLE, or -1 when this is not one. */
    private int createTableColumnList() {
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

    private String createTable(int open) throws SQLException {
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
            return "INSERT INTO " + String.join(".", tableParts.stream().map(SnowflakeSqlTranslator::quote).toList())
                    + " " + rewrite(meaningful(after + 1), tokens.size()).strip();
        }
        return out.toString();
    }

    private String columnDefinition(int from, int to, String table) throws SQLException {
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
    private void tableConstraint(int first, int to) throws SQLException {
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
    private int autoIncrement(int at, int to, String table, String column, StringBuilder out) throws SQLException {
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
                    .map(SnowflakeSqlTranslator::quote).toList()));
        }
        setup.add("CREATE " + (replacesTable() ? "OR REPLACE " : "") + "SEQUENCE " + (replacesTable() ? ""
                : "IF NOT EXISTS ") + sequence + " START " + start + " INCREMENT " + step);
        out.append(" DEFAULT nextval('").append(sequence.replace("'", "''")).append("')");
        return i < 0 ? to : i;
    }

    private String sequenceName(String table, String column) {
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
        return String.join(".", parts.stream().map(SnowflakeSqlTranslator::quote).toList());
    }

    private boolean replacesTable() {
        return isWord(meaningful(meaningful(0) + 1), "OR");
    }

    private String tableNameBefore(int open) {
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

    // ----------------------------------------------------------------------------------------- general rewriting

    /** Rewrites tokens [from, to). */
    private String rewrite(int from, int to) throws SQLException {
        StringBuilder out = new StringBuilder();
        // per parenthesis depth: are we in a FROM list, where names after commas are table references?
        List<Boolean> inFrom = new ArrayList<>();
        inFrom.add(false);
        // per depth: are we in the assignment list of an UPDATE or MERGE ... SET?
        List<Boolean> inSet = new ArrayList<>();
        inSet.add(false);
        List<Boolean> noTablesAt = new ArrayList<>();
        noTablesAt.add(false);
        int i = from;
        while (i < to) {
            SqlToken t = tokens.get(i);
            int depth = inFrom.size() - 1;
            String label = selectLabels.get(i);
            if (label != null) {
                out.append(" AS ").append(quote(label)).append(' ');
            }
            if (t.isTrivia()) {
                out.append(render(t));
                i++;
                continue;
            }
            if (t.kind() == Kind.STRING) {
                out.append(stringLiteral(t));
                i++;
                continue;
            }
            if (t.isSymbol("(") && isWord(meaningful(i + 1), "VALUES")) {
                int before = previousMeaningful(i, from);
                if (before >= 0 && (TABLE_POSITION_KEYWORDS.contains(upperOrEmpty(before))
                        || (tokens.get(before).isSymbol(",") && inFrom.get(depth)))) {
                    // FROM (VALUES ...) [AS] alias [(names)]
                    int close = matchParen(i);
                    i = values(meaningful(meaningful(i + 1) + 1), previousMeaningful(close, i), close + 1, to, out);
                    continue;
                }
            }
            if (t.isSymbol("(")) {
                inFrom.add(false);
                inSet.add(false);
                int before = previousMeaningful(i, from);
                // EXTRACT(x FROM y), TRIM(... FROM y), SUBSTRING(x FROM n): that FROM names no table
                noTablesAt.add(before >= 0 && FUNCTIONS_WITH_FROM.contains(upperOrEmpty(before)));
                out.append('(');
                i++;
                continue;
            }
            if (t.isSymbol(")")) {
                if (inFrom.size() > 1) {
                    inFrom.remove(inFrom.size() - 1);
                    inSet.remove(inSet.size() - 1);
                    noTablesAt.remove(noTablesAt.size() - 1);
                }
                out.append(')');
                i++;
                continue;
            }
            if (t.kind() == Kind.WORD) {
                String word = upper(t);
                if (TABLE_POSITION_KEYWORDS.contains(word)) {
                    inFrom.set(depth, word.equals("FROM") || word.equals("JOIN") || inFrom.get(depth));
                } else if (FROM_CLAUSE_ENDS.contains(word)) {
                    inFrom.set(depth, false);
                }
            }
            if (t.isWord("SET")) {
                inSet.set(depth, true);
            } else if (t.isWord("WHEN") || t.isWord("WHERE") || t.isWord("FROM")) {
                inSet.set(depth, false);
            }
            int prev = previousMeaningful(i, from);
            if (isName(i) && prev >= 0 && (tokens.get(prev).isWord("SET")
                    || (tokens.get(prev).isSymbol(",") && inSet.get(depth)))) {
                // UPDATE/MERGE ... SET t.col = ...: DuckDB wants the bare column
                i = assignmentTarget(i, out);
                continue;
            }
            boolean tablePosition = prev >= 0 && !noTablesAt.get(depth)
                    && (TABLE_POSITION_KEYWORDS.contains(upperOrEmpty(prev))
                    || (tokens.get(prev).isSymbol(",") && inFrom.get(depth)))
                    && !(tokens.get(prev).isWord("FROM") && isWord(previousMeaningful(prev, from), "DISTINCT"));
            // DELETE FROM x names the target, never a stream's rows
            boolean dmlTarget = prev >= 0 && tokens.get(prev).isWord("FROM")
                    && isWord(previousMeaningful(prev, from), "DELETE");
            if (t.isWord("TABLE") && isSymbolAt(meaningful(i + 1), "(") && tablePosition(prev)) {
                i = tableFunction(i, out);
                continue;
            }
            if (t.isWord("LATERAL") && isWord(meaningful(i + 1), "FLATTEN")
                    && isSymbolAt(meaningful(meaningful(i + 1) + 1), "(")) {
                int open = meaningful(meaningful(i + 1) + 1);
                out.append("LATERAL ").append(flatten(open));
                i = matchParen(open) + 1;
                continue;
            }
            if (t.isWord("FLATTEN") && isSymbolAt(meaningful(i + 1), "(")) {
                throw unsupported("FLATTEN outside LATERAL FLATTEN(...) or TABLE(FLATTEN(...))", t);
            }
            if (tablePosition && !dmlTarget && t.isWord("VALUES") && isSymbolAt(meaningful(i + 1), "(")) {
                i = valuesTable(i, to, out);
                continue;
            }
            if (tablePosition && !dmlTarget && isName(i)) {
                i = tableReference(i, to, out);
                continue;
            }
            if (t.kind() == Kind.WORD && isSymbolAt(meaningful(i + 1), "(")) {
                // where the call starts in the output, for a path on its result (PARSE_JSON('...'):a)
                callStarts.put(matchParen(meaningful(i + 1)), out.length());
                int next = function(i, out);
                if (next >= 0) {
                    i = next;
                    continue;
                }
            }
            if (t.isSymbol(":") && isName(meaningful(i + 1)) && callStarts.containsKey(previousMeaningful(i, from))
                    && callStarts.get(previousMeaningful(i, from)) <= out.length()) {
                int start = callStarts.get(previousMeaningful(i, from));
                String call = out.substring(start).strip();
                out.setLength(start);
                i = path(new StringBuilder("(" + call + ")"), i, i, to, out, false);
                continue;
            }
            if (t.isSymbol("::")) {
                int[] end = new int[1];
                out.append("::").append(type(meaningful(i + 1), end));
                i = end[0] + 1;
                continue;
            }
            if (isName(i)) {
                i = operand(i, to, out);
                continue;
            }
            out.append(render(t));
            i++;
        }
        if (to == tokens.size() && selectLabels.containsKey(to)) {
            out.append(" AS ").append(quote(selectLabels.get(to)));
        }
        return out.toString();
    }

    /** The column of a SET assignment, without its table qualifier. */
    private int assignmentTarget(int i, StringBuilder out) {
        int last = i;
        int j = i;
        while (true) {
            int dot = meaningful(j + 1);
            if (dot >= 0 && tokens.get(dot).isSymbol(".") && isName(meaningful(dot + 1))) {
                j = meaningful(dot + 1);
                last = j;
            } else {
                break;
            }
        }
        out.append(renderName(tokens.get(last)));
        return last + 1;
    }

    private boolean tablePosition(int prev) {
        return prev >= 0 && (TABLE_POSITION_KEYWORDS.contains(upperOrEmpty(prev)) || tokens.get(prev).isSymbol(","));
    }

    /** A (qualified) table name in a FROM/JOIN/USING position; streams become their change rows. */
    private int tableReference(int i, int to, StringBuilder out) throws SQLException {
        List<String> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int j = i;
        while (true) {
            parts.add(name(tokens.get(j)));
            text.append(renderName(tokens.get(j)));
            int dot = meaningful(j + 1);
            if (dot >= 0 && dot < to && tokens.get(dot).isSymbol(".") && isName(meaningful(dot + 1))) {
                text.append('.');
                j = meaningful(dot + 1);
            } else {
                break;
            }
        }
        Optional<String> replacement = parts.size() == 1 && cteNames.contains(parts.get(0)) ? Optional.empty()
                : context.tableReference(parts);
        if (replacement.isPresent()) {
            out.append(replacement.get());
            // keep the name as the alias when the statement gives none, so that stream.col still resolves
            int next = meaningful(j + 1);
            boolean aliased = next >= 0 && next < to && (isWord(next, "AS")
                    || (tokens.get(next).kind() == Kind.WORD && !isClauseWord(upper(tokens.get(next))))
                    || tokens.get(next).kind() == Kind.QUOTED_IDENTIFIER);
            if (!aliased) {
                out.append(" AS ").append(quote(parts.get(parts.size() - 1)));
            }
        } else {
            out.append(text);
        }
        return j + 1;
    }

    /**
     * {@code VALUES (...), (...) [[AS] alias [(names)]]} in a FROM list: DuckDB wants it in parentheses, and
     * Snowflake names its columns COLUMN1, COLUMN2, ... unless the alias names them.
     */
    private int valuesTable(int valuesWord, int to, StringBuilder out) throws SQLException {
        int open = meaningful(valuesWord + 1);
        int last = matchParen(open);
        while (true) {
            int comma = meaningful(last + 1);
            if (comma >= 0 && comma < to && tokens.get(comma).isSymbol(",")
                    && isSymbolAt(meaningful(comma + 1), "(")) {
                last = matchParen(meaningful(comma + 1));
            } else {
                break;
            }
        }
        return values(open, last, last + 1, to, out);
    }

    /** The rows from the '(' at {@code open} to the ')' at {@code last}, then the alias from {@code after}. */
    private int values(int open, int last, int after, int to, StringBuilder out) throws SQLException {
        int columns = argumentRanges(open, matchParen(open)).size();
        String rows = rewrite(open, last + 1);
        int next = meaningful(after);
        String alias = "__VALUES";
        if (next >= 0 && next < to && isWord(next, "AS")) {
            next = meaningful(next + 1);
        }
        if (next >= 0 && next < to && isName(next) && !isClauseWord(upperOrEmpty(next))
                && !isWord(next, "AS")) {
            alias = name(tokens.get(next));
            next = meaningful(next + 1);
        } else {
            next = meaningful(after);
        }
        List<String> names = new ArrayList<>();
        if (next >= 0 && next < to && isSymbolAt(next, "(") && !alias.equals("__VALUES")) {
            int close = matchParen(next);
            for (int[] range : argumentRanges(next, close)) {
                names.add(quote(name(tokens.get(meaningful(range[0])))));
            }
            next = meaningful(close + 1);
        } else {
            for (int c = 1; c <= columns; c++) {
                names.add(quote("COLUMN" + c));
            }
        }
        out.append("(VALUES ").append(rows.strip()).append(") AS ").append(quote(alias)).append('(')
                .append(String.join(", ", names)).append(") ");
        return next < 0 ? to : Math.min(next, to);
    }

    /**
     * Whether the (qualified) name in tokens [i, j] is FLATTEN's VALUE or THIS: {@code alias.VALUE} of a FLATTEN's
     * alias, or a bare VALUE or THIS in a statement that flattens.
     */
    private boolean isFlattenVariant(int i, int j) {
        String column = name(tokens.get(j));
        if (!column.equals("VALUE") && !column.equals("THIS")) {
            return false;
        }
        if (i == j) {
            return !flattenAliases.isEmpty();
        }
        int dot = previousMeaningful(j, i);
        int alias = dot >= 0 ? previousMeaningful(dot, i - 1) : -1;
        return alias == i && flattenAliases.contains(name(tokens.get(i)));
    }

    /** The aliases of the statement's FLATTENs ("" for one without), so that their VALUE is read as a VARIANT. */
    private Set<String> collectFlattenAliases() throws SQLException {
        Set<String> aliases = new java.util.HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isWord("FLATTEN") || !isSymbolAt(meaningful(i + 1), "(")) {
                continue;
            }
            int close = matchParen(meaningful(i + 1));
            int before = previousMeaningful(i, 0);
            if (before >= 0 && tokens.get(before).isSymbol("(") && isWord(previousMeaningful(before, 0), "TABLE")) {
                close = matchParen(before);
            }
            int alias = meaningful(close + 1);
            if (isWord(alias, "AS")) {
                alias = meaningful(alias + 1);
            }
            aliases.add(alias >= 0 && isName(alias) && !isClauseWord(upperOrEmpty(alias))
                    && !isWord(alias, "ON") ? name(tokens.get(alias)) : "");
        }
        return aliases;
    }

    /** FLATTEN's arguments (from its '(' at {@code open}) as the subquery that gives its rows (Flatten). */
    private String flatten(int open) throws SQLException {
        int close = matchParen(open);
        String input = null;
        Optional<String> path = Optional.empty();
        boolean outer = false;
        boolean recursive = false;
        String mode = "BOTH";
        for (int[] range : argumentRanges(open, close)) {
            int a = meaningful(range[0]);
            if (a < 0 || a >= range[1]) {
                continue;
            }
            boolean named = isName(a) && isSymbolAt(meaningful(a + 1), "=>");
            String name = named ? name(tokens.get(a)) : "INPUT";
            String value = rewrite(named ? meaningful(a + 1) + 1 : range[0], range[1]).strip();
            switch (name) {
                case "INPUT" -> input = value;
                case "PATH" -> path = Optional.of(unquoted(value));
                case "OUTER" -> outer = value.equalsIgnoreCase("TRUE");
                case "RECURSIVE" -> recursive = value.equalsIgnoreCase("TRUE");
                case "MODE" -> mode = unquoted(value);
                default -> throw unsupported("FLATTEN's argument " + name, tokens.get(a));
            }
        }
        if (input == null) {
            throw unsupported("FLATTEN without INPUT", tokens.get(open));
        }
        return Flatten.subquery(input, path, outer, recursive, mode);
    }

    private static String unquoted(String literal) {
        return literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")
                ? literal.substring(1, literal.length() - 1).replace("''", "'") : literal;
    }

    private static boolean isClauseWord(String word) {
        return FROM_CLAUSE_ENDS.contains(word) || Set.of("JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS",
                "NATURAL", "USING", "ASOF", "POSITIONAL", "LATERAL", "SEMI", "ANTI").contains(word);
    }

    /** TABLE(name(args)) */
    private int tableFunction(int tableWord, StringBuilder out) throws SQLException {
        int open = meaningful(tableWord + 1);
        int close = matchParen(open);
        int nameStart = meaningful(open + 1);
        List<String> parts = new ArrayList<>();
        int j = nameStart;
        while (j >= 0 && isName(j)) {
            parts.add(name(tokens.get(j)));
            int next = meaningful(j + 1);
            if (next >= 0 && tokens.get(next).isSymbol(".")) {
                j = meaningful(next + 1);
            } else {
                j = next;
                break;
            }
        }
        if (j < 0 || !tokens.get(j).isSymbol("(")) {
            throw unsupported("TABLE(...) over anything but a table function", tokens.get(tableWord));
        }
        int argsClose = matchParen(j);
        if (parts.equals(List.of("FLATTEN"))) {
            out.append(flatten(j));
            return close + 1;
        }
        List<TranslationContext.Argument> args = new ArrayList<>();
        for (int[] range : argumentRanges(j, argsClose)) {
            int a = meaningful(range[0]);
            if (a >= 0 && a < range[1] && isName(a) && isSymbolAt(meaningful(a + 1), "=>")) {
                args.add(new TranslationContext.Argument(Optional.of(name(tokens.get(a))),
                        rewrite(meaningful(a + 1) + 1, range[1]).strip()));
            } else if (a >= 0 && a < range[1]) {
                args.add(new TranslationContext.Argument(Optional.empty(), rewrite(range[0], range[1]).strip()));
            }
        }
        Optional<String> replacement = context.tableFunction(parts, args);
        if (replacement.isEmpty()) {
            throw unsupported("the table function " + String.join(".", parts), tokens.get(tableWord));
        }
        out.append(replacement.get());
        return close + 1;
    }

    /**
     * Rewrites a function call whose name needs it, returning the index after the call; -1 when the function is
     * left as it is (its arguments are then rewritten by the main loop).
     */
    private int function(int nameIndex, StringBuilder out) throws SQLException {
        String fn = upper(tokens.get(nameIndex));
        int open = meaningful(nameIndex + 1);
        int close = matchParen(open);
        if (fn.equals("CAST") || fn.equals("TRY_CAST")) {
            return cast(fn, open, close, out);
        }
        if (!REWRITTEN_FUNCTIONS.contains(fn) && !fn.startsWith("SYSTEM$")) {
            return -1;
        }
        if ((fn.equals("TO_VARCHAR") || fn.equals("TO_CHAR")) && argumentRanges(open, close).size() == 1) {
            Optional<String> text = pathAsText(open + 1, close);
            if (text.isPresent()) {
                out.append(text.get());
                return close + 1;
            }
        }
        List<String> args = arguments(open, close);
        Optional<String> session = context.sessionFunction(fn, args);
        if (session.isPresent()) {
            out.append(session.get());
            return close + 1;
        }
        if (fn.startsWith("SYSTEM$")) {
            throw unsupported("the function " + fn, tokens.get(nameIndex));
        }
        String replacement = switch (fn) {
            case "IFF" -> "(CASE WHEN " + arg(args, 0, 3, fn) + " THEN " + args.get(1) + " ELSE " + args.get(2)
                    + " END)";
            case "EQUAL_NULL" -> "(" + arg(args, 0, 2, fn) + " IS NOT DISTINCT FROM " + args.get(1) + ")";
            case "NVL", "IFNULL" -> "COALESCE(" + arg(args, 0, 2, fn) + ", " + args.get(1) + ")";
            case "NVL2" -> "(CASE WHEN " + arg(args, 0, 3, fn) + " IS NOT NULL THEN " + args.get(1) + " ELSE "
                    + args.get(2) + " END)";
            case "ZEROIFNULL" -> "COALESCE(" + arg(args, 0, 1, fn) + ", 0)";
            case "DIV0" -> "(CASE WHEN " + arg(args, 1, 2, fn) + " = 0 THEN 0 ELSE " + args.get(0) + " / "
                    + args.get(1) + " END)";
            case "PARSE_JSON" -> "json(" + arg(args, 0, 1, fn) + ")";
            case "TRY_PARSE_JSON" -> "TRY_CAST(" + arg(args, 0, 1, fn) + " AS JSON)";
            case "TO_VARIANT", "TO_JSON" -> "to_json(" + arg(args, 0, 1, fn) + ")";
            // a JSON null (a VARIANT null) is not SQL NULL
            case "STRIP_NULL_VALUE" -> "(CASE WHEN json_type(" + arg(args, 0, 1, fn) + ") = 'NULL' THEN NULL ELSE "
                    + args.get(0) + " END)";
            case "IS_NULL_VALUE" -> "(json_type(" + arg(args, 0, 1, fn) + ") = 'NULL')";
            case "OBJECT_CONSTRUCT" -> objectConstruct(args, nameIndex, false);
            case "OBJECT_CONSTRUCT_KEEP_NULL" -> objectConstruct(args, nameIndex, true);
            case "ARRAY_CONSTRUCT" -> "json_array(" + String.join(", ", args) + ")";
            // Snowflake leaves NULLs out and gives [] for no rows
            case "ARRAY_AGG" -> "to_json(COALESCE(list(" + arg(args, 0, 1, fn) + withinGroup(close)
                    + ") FILTER (WHERE " + args.get(0) + " IS NOT NULL), []))";
            // Snowflake's default delimiter is the empty string
            case "LISTAGG" -> "string_agg(" + args.get(0) + ", " + (args.size() > 1 ? args.get(1) : "''")
                    + withinGroup(close) + ")";
            case "DATEADD", "TIMEADD", "TIMESTAMPADD" -> dateAdd(args, nameIndex);
            case "DATEDIFF", "TIMEDIFF", "TIMESTAMPDIFF" -> "date_diff('" + datePart(arg(args, 0, 3, fn), nameIndex)
                    .toLowerCase(Locale.ROOT) + "', " + args.get(1) + ", " + args.get(2) + ")";
            // an optional precision argument is ignored: DuckDB keeps microseconds
            case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "GETDATE" -> "current_timestamp";
            case "SYSDATE" -> "(now() AT TIME ZONE 'UTC')";
            case "CURRENT_DATE" -> "current_date";
            case "CURRENT_TIME", "LOCALTIME" -> "current_time";
            case "TO_TIMESTAMP", "TO_TIMESTAMP_NTZ", "TO_TIMESTAMP_LTZ", "TO_TIMESTAMP_TZ" -> toTimestamp(fn, args,
                    nameIndex);
            case "TO_VARCHAR", "TO_CHAR" -> args.size() == 1 ? "CAST(" + args.get(0) + " AS VARCHAR)"
                    : unsupportedArgs(fn, "a format argument", nameIndex);
            case "TO_NUMBER", "TO_DECIMAL", "TO_NUMERIC" -> "CAST(" + arg(args, 0, Math.max(1, args.size()), fn)
                    + " AS DECIMAL("
                    + (args.size() > 1 ? args.get(1) : "38") + "," + (args.size() > 2 ? args.get(2) : "0") + "))";
            case "TO_BOOLEAN" -> "CAST(" + arg(args, 0, 1, fn) + " AS BOOLEAN)";
            case "GET_PATH" -> getPath(args, nameIndex);
            // (source zone, target zone, TIMESTAMP_NTZ): the wall-clock time in the source zone, in the target zone
            case "CONVERT_TIMEZONE" -> args.size() == 3 ? "timezone(" + args.get(1) + ", timezone(" + args.get(0)
                    + ", CAST(" + args.get(2) + " AS TIMESTAMP)))"
                    : unsupportedArgs(fn, "two arguments (a TIMESTAMP_TZ that keeps the target zone's offset)",
                    nameIndex);
            case "TYPEOF" -> typeOf(arg(args, 0, 1, fn));
            case "TO_DATE", "DATE" -> args.size() == 1 ? "CAST(" + args.get(0) + " AS DATE)"
                    : "CAST(" + parsed(fn, args, nameIndex) + " AS DATE)";
            default -> null;
        };
        if (replacement == null) {
            return -1;
        }
        out.append(replacement);
        return withinGroupEnd >= 0 && (fn.equals("LISTAGG") || fn.equals("ARRAY_AGG")) ? withinGroupEnd + 1
                : close + 1;
    }

    /** The end (closing parenthesis) of the WITHIN GROUP (...) after an aggregate, when there is one. */
    private int withinGroupEnd = -1;

    /** WITHIN GROUP (ORDER BY x) after an aggregate call: DuckDB takes the ORDER BY inside the call. */
    private String withinGroup(int close) throws SQLException {
        withinGroupEnd = -1;
        int within = meaningful(close + 1);
        if (!isWord(within, "WITHIN") || !isWord(meaningful(within + 1), "GROUP")) {
            return "";
        }
        int open = meaningful(meaningful(within + 1) + 1);
        int end = matchParen(open);
        withinGroupEnd = end;
        return " " + rewrite(open + 1, end).strip();
    }

    private int cast(String fn, int open, int close, StringBuilder out) throws SQLException {
        // CAST(expr AS type): the AS at depth 0
        int as = -1;
        int depth = 0;
        for (int j = open + 1; j < close; j++) {
            SqlToken t = tokens.get(j);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.isWord("AS")) {
                as = j;
            }
        }
        if (as < 0) {
            throw new SqlException(fn + " without AS at line " + tokens.get(open).line() + " in: " + statement.strip(),
                    null);
        }
        int[] end = new int[1];
        String type = type(meaningful(as + 1), end);
        // a VARIANT path cast to a scalar: extract its value as text first (as ::TYPE does)
        String operand = type.equals("JSON") ? rewrite(open + 1, as).strip()
                : pathAsText(open + 1, as).orElse(rewrite(open + 1, as).strip());
        out.append(fn).append('(').append(operand).append(" AS ").append(type).append(')');
        return close + 1;
    }

    private String objectConstruct(List<String> args, int at, boolean keepNulls) throws SQLException {
        if (args.size() == 1 && args.get(0).strip().equals("*")) {
            throw unsupported("OBJECT_CONSTRUCT(*)", tokens.get(at));
        }
        if (args.isEmpty() || (args.size() == 1 && args.get(0).isBlank())) {
            return "'{}'::JSON";
        }
        if (args.size() % 2 != 0) {
            throw new SqlException("OBJECT_CONSTRUCT needs key/value pairs (line " + tokens.get(at).line() + ") in: "
                    + statement.strip(), null);
        }
        if (keepNulls) {
            return "json_object(" + String.join(", ", args) + ")";
        }
        // Snowflake leaves out keys whose value is SQL NULL
        StringBuilder values = new StringBuilder();
        for (int k = 0; k < args.size(); k += 2) {
            values.append(k == 0 ? "" : ", ").append('(').append(args.get(k)).append(", to_json(")
                    .append(args.get(k + 1)).append("))");
        }
        return "COALESCE((SELECT json_group_object(__k, __v) FROM (VALUES " + values + ") AS __oc(__k, __v)"
                + " WHERE __v IS NOT NULL), '{}'::JSON)";
    }

    private String dateAdd(List<String> args, int at) throws SQLException {
        String part = datePart(arg(args, 0, 3, "DATEADD"), at);
        String amount = args.get(1);
        String value = args.get(2);
        String sum = switch (part) {
            case "QUARTER" -> "(" + value + " + INTERVAL ((" + amount + ") * 3) MONTH)";
            case "WEEK" -> "(" + value + " + INTERVAL ((" + amount + ") * 7) DAY)";
            default -> "(" + value + " + INTERVAL (" + amount + ") " + part + ")";
        };
        // a DATE plus days, weeks, months or years is a DATE in Snowflake (DuckDB makes it a TIMESTAMP); known here
        // when the value is written as a DATE (a column's type is not)
        boolean date = value.strip().matches("(?is)CAST\\(.*\\s+AS\\s+DATE\\)|.*::\\s*DATE|current_date");
        return date && Set.of("YEAR", "QUARTER", "MONTH", "WEEK", "DAY").contains(part)
                ? "CAST(" + sum + " AS DATE)" : sum;
    }

    private String toTimestamp(String fn, List<String> args, int at) throws SQLException {
        String target = switch (fn) {
            case "TO_TIMESTAMP_LTZ", "TO_TIMESTAMP_TZ" -> "TIMESTAMPTZ";
            case "TO_TIMESTAMP_NTZ" -> "TIMESTAMP";
            default -> SnowflakeTypes.toDuckDb(context.timestampTypeMapping(), List.of()).orElse("TIMESTAMP");
        };
        if (args.size() == 1) {
            return "CAST(" + args.get(0) + " AS " + target + ")";
        }
        if (args.size() == 2 && args.get(1).strip().matches("\\d")) {
            // a number with a scale: seconds × 10^scale since the epoch
            String instant = "to_timestamp((" + args.get(0) + ") / 1e" + args.get(1).strip() + ")";
            return target.equals("TIMESTAMP") ? "(" + instant + " AT TIME ZONE 'UTC')" : instant;
        }
        if (args.size() == 2) {
            return "CAST(" + parsed(fn, args, at) + " AS " + target + ")";
        }
        return unsupportedArgs(fn, "more than two arguments", at);
    }

    /** {@code fn(text, 'format')}: the text parsed with the format, if it is a literal this knows. */
    private String parsed(String fn, List<String> args, int at) throws SQLException {
        String format = args.get(1).strip();
        if (!(format.length() >= 2 && format.startsWith("'") && format.endsWith("'"))) {
            return unsupportedArgs(fn, "a format that is not a literal", at);
        }
        Optional<String> strptime = DateFormats.strptime(unquoted(format));
        if (strptime.isEmpty()) {
            return unsupportedArgs(fn, "the format " + format, at);
        }
        return "strptime(" + args.get(0) + ", '" + strptime.get().replace("'", "''") + "')";
    }

    /** GET_PATH(v, 'a.b[0]' or 'a[0]:b'): the JSON at that path. */
    private String getPath(List<String> args, int at) throws SQLException {
        String path = arg(args, 1, 2, "GET_PATH").strip();
        if (!(path.length() >= 2 && path.startsWith("'") && path.endsWith("'"))) {
            return unsupportedArgs("GET_PATH", "a path that is not a literal", at);
        }
        String p = unquoted(path).replace(':', '.');
        return "(" + args.get(0) + " -> '" + (p.startsWith("[") ? "$" : "$.") + p.replace("'", "''") + "')";
    }

    /** TYPEOF of a VARIANT, with Snowflake's names (a number with an exponent is a DOUBLE, with a point DECIMAL). */
    private static String typeOf(String value) {
        return "(CASE json_type(" + value + ") WHEN 'NULL' THEN 'NULL_VALUE' WHEN 'BIGINT' THEN 'INTEGER'"
                + " WHEN 'UBIGINT' THEN 'INTEGER' WHEN 'DOUBLE' THEN CASE WHEN regexp_matches(CAST(" + value
                + " AS VARCHAR), '[eE]') THEN 'DOUBLE' ELSE 'DECIMAL' END ELSE json_type(" + value + ") END)";
    }

    private String unsupportedArgs(String fn, String what, int at) throws SQLException {
        throw unsupported(fn + " with " + what, tokens.get(at));
    }

    private String datePart(String part, int at) throws SQLException {
        String p = part.strip().replace("'", "").replace("\"", "").toUpperCase(Locale.ROOT);
        String mapped = DATE_PARTS.get(p);
        if (mapped == null) {
            throw unsupported("the date part " + part.strip(), tokens.get(at));
        }
        return mapped;
    }

    private String arg(List<String> args, int index, int expected, String fn) throws SQLException {
        if (args.size() != expected) {
            throw new SqlException(fn + " takes " + expected + " arguments, got " + args.size() + " in: "
                    + statement.strip(), null);
        }
        return args.get(index);
    }

    /** When tokens [from, to) are exactly one VARIANT path operand: its value extracted as text. */
    private Optional<String> pathAsText(int from, int to) throws SQLException {
        int first = meaningful(from);
        if (first < 0 || first >= to || !isName(first)) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        int end = operand(first, to, out, true);
        int rest = meaningful(end);
        if ((rest >= 0 && rest < to) || !out.toString().startsWith("(") || !out.toString().contains("->>")) {
            return Optional.empty();
        }
        return Optional.of(out.toString());
    }

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=");

    /**
     * An identifier, maybe qualified, maybe followed by a VARIANT path ({@code :a.b}, {@code [0]}, {@code ['k']})
     * and a {@code ::TYPE} cast.
     */
    private int operand(int i, int to, StringBuilder out) throws SQLException {
        return operand(i, to, out, false);
    }

    /** @param asText extract the path's value as text (for a cast to a scalar, or a comparison with a string) */
    private int operand(int i, int to, StringBuilder out, boolean asText) throws SQLException {
        StringBuilder base = new StringBuilder(renderName(tokens.get(i)));
        int j = i;
        while (true) {
            int dot = meaningful(j + 1);
            if (dot >= 0 && dot < to && tokens.get(dot).isSymbol(".") && isName(meaningful(dot + 1))) {
                j = meaningful(dot + 1);
                base.append('.').append(renderName(tokens.get(j)));
            } else {
                break;
            }
        }
        boolean hasPath = j + 1 < to && (tokens.get(j + 1).isSymbol(":") || tokens.get(j + 1).isSymbol("["));
        int cast = meaningful(j + 1);
        if (!hasPath && !isFlattenVariant(i, j) && cast >= 0 && cast < to && tokens.get(cast).isSymbol("::")) {
            int[] end = new int[1];
            String duckType = type(meaningful(cast + 1), end);
            if (duckType.equals("VARCHAR")) {
                // a VARIANT column's string is its text, without the quotes of its JSON (a column's type is only
                // known when the query runs: DuckDB evaluates the branch of the type the column has)
                out.append("(CASE WHEN typeof(").append(base).append(") = 'JSON' THEN json_extract_string(CAST(")
                        .append(base).append(" AS JSON), '$') ELSE CAST(").append(base).append(" AS VARCHAR) END)");
                return end[0] + 1;
            }
        }
        if (!isFlattenVariant(i, j) && !hasPath) {
            out.append(base);
            return j + 1;
        }
        return path(base, i, j + 1, to, out, asText);
    }

    /**
     * The path after {@code base} (a column, or a call's result) from token {@code k}: {@code :a.b}, {@code ['k']},
     * {@code [0]}, then an optional {@code ::TYPE}, as JSON extraction. {@code first} is the base's first token.
     */
    private int path(StringBuilder base, int first, int k, int to, StringBuilder out, boolean asText)
            throws SQLException {
        int i = first;
        int j = k - 1;
        StringBuilder path = new StringBuilder();
        // a path sticks to its column: col:a.b, col['k'], col[0]
        if (k < to && tokens.get(k).isSymbol(":") && k + 1 < to && isName(k + 1)) {
            path.append(pathKey(tokens.get(k + 1)));
            k += 2;
            while (k < to) {
                if (tokens.get(k).isSymbol(".") && k + 1 < to && isName(k + 1)) {
                    path.append(pathKey(tokens.get(k + 1)));
                    k += 2;
                } else if (tokens.get(k).isSymbol("[")) {
                    k = bracket(k, path);
                } else {
                    break;
                }
            }
        } else if (k < to && tokens.get(k).isSymbol("[")) {
            while (k < to && tokens.get(k).isSymbol("[")) {
                k = bracket(k, path);
            }
        }
        if (path.length() == 0 && !(isName(i) && isName(j) && isFlattenVariant(i, j)
                && isSymbolAt(meaningful(j + 1), "::"))) {
            out.append(base);
            return j + 1;
        }
        // a path, or FLATTEN's VALUE or THIS (VARIANTs) cast to a type: the JSON value, or its text
        String json = path.length() == 0 ? base.toString() : base + " -> '$" + path.toString().replace("'", "''") + "'";
        String text = base + " ->> '$" + path.toString().replace("'", "''") + "'";
        int cast = meaningful(k);
        if (cast >= 0 && cast < to && tokens.get(cast).isSymbol("::")) {
            int typeStart = meaningful(cast + 1);
            String snowflakeType = upper(tokens.get(typeStart));
            int[] end = new int[1];
            String duckType = type(typeStart, end);
            if (Set.of("VARIANT", "OBJECT", "ARRAY").contains(snowflakeType)) {
                out.append('(').append(json).append(')');
            } else if (duckType.equals("VARCHAR")) {
                out.append('(').append(text).append(')');
            } else {
                out.append("CAST(").append(text).append(" AS ").append(duckType).append(')');
            }
            return end[0] + 1;
        }
        // v:name = 'Ann' compares the value, as Snowflake does, not the JSON text
        int next = meaningful(k);
        int previous = previousMeaningful(i, 0);
        boolean comparedWithString = (next >= 0 && next < to && isComparison(next)
                && kindAt(meaningful(next + 1)) == Kind.STRING)
                || (previous >= 0 && isComparison(previous) && kindAt(previousMeaningful(previous, 0)) == Kind.STRING);
        out.append('(').append(asText || comparedWithString ? text : json).append(')');
        return k;
    }

    private Kind kindAt(int i) {
        return i < 0 || i >= tokens.size() ? null : tokens.get(i).kind();
    }

    private boolean isComparison(int i) {
        SqlToken t = tokens.get(i);
        return (t.kind() == Kind.SYMBOL && COMPARISONS.contains(t.text())) || t.isWord("LIKE") || t.isWord("ILIKE");
    }

    /** {@code [0]} or {@code ['key']} appended to a JSON path; returns the index after ']'. */
    private int bracket(int open, StringBuilder path) throws SQLException {
        int inner = meaningful(open + 1);
        int close = meaningful(inner + 1);
        if (close < 0 || !tokens.get(close).isSymbol("]")) {
            throw unsupported("a computed VARIANT index", tokens.get(open));
        }
        SqlToken key = tokens.get(inner);
        if (key.kind() == Kind.NUMBER) {
            path.append('[').append(key.text()).append(']');
        } else if (key.kind() == Kind.STRING) {
            path.append(".\"").append(unescape(key).replace("\"", "\\\"")).append('"');
        } else {
            throw unsupported("a computed VARIANT index", key);
        }
        return close + 1;
    }

    private static String pathKey(SqlToken key) {
        String name = key.kind() == Kind.QUOTED_IDENTIFIER ? key.text().substring(1, key.text().length() - 1)
                .replace("\"\"", "\"") : key.text();
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + name : ".\"" + name.replace("\"", "\\\"") + "\"";
    }

    // ------------------------------------------------------------------------------------------------------ types

    /** Maps the type starting at {@code start}; end[0] is set to its last token's index. */
    private String type(int start, int[] end) throws SQLException {
        if (start < 0 || tokens.get(start).kind() != Kind.WORD) {
            int line = start < 0 ? 1 : tokens.get(start).line();
            throw new SqlException("Expected a data type at line " + line + " in statement: " + statement.strip(),
                    null);
        }
        int last = start;
        String name = tokens.get(start).text();
        if (SnowflakeTypes.startsMultiWordType(name)) {
            StringBuilder words = new StringBuilder(name);
            int j = meaningful(start + 1);
            while (j >= 0 && tokens.get(j).kind() == Kind.WORD) {
                words.append(' ').append(tokens.get(j).text());
                if (SnowflakeTypes.toDuckDb(words.toString(), List.of()).isPresent()) {
                    name = words.toString();
                    last = j;
                } else if (!SnowflakeTypes.isTypeWordPrefix(words.toString())) {
                    break;
                }
                j = meaningful(j + 1);
            }
        }
        List<String> args = new ArrayList<>();
        int next = meaningful(last + 1);
        if (next >= 0 && tokens.get(next).isSymbol("(")) {
            int close = matchParen(next);
            for (int[] range : argumentRanges(next, close)) {
                args.add(render(range[0], range[1]).strip());
            }
            last = close;
        }
        end[0] = last;
        String typeName = name.toUpperCase(Locale.ROOT);
        if (typeName.equals("TIMESTAMP")) {
            typeName = context.timestampTypeMapping();
        }
        String mapped = typeName;
        return SnowflakeTypes.toDuckDb(mapped, args).orElseThrow(() ->
                unsupported("the data type " + mapped, tokens.get(start)));
    }

    // --------------------------------------------------------------------------------------------------- helpers

    /** The arguments of the call whose parentheses are at open/close, each rewritten. */
    private List<String> arguments(int open, int close) throws SQLException {
        List<String> args = new ArrayList<>();
        for (int[] range : argumentRanges(open, close)) {
            args.add(rewrite(range[0], range[1]).strip());
        }
        if (args.size() == 1 && args.get(0).isEmpty()) {
            return List.of();
        }
        return args;
    }

    private List<int[]> argumentRanges(int open, int close) {
        List<int[]> ranges = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int j = open + 1; j < close; j++) {
            SqlToken t = tokens.get(j);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            } else if (depth == 0 && t.isSymbol(",")) {
                ranges.add(new int[]{start, j});
                start = j + 1;
            }
        }
        ranges.add(new int[]{start, close});
        return ranges;
    }

    /** End (exclusive) of the column-definition element starting at {@code from}: the next depth-0 ','. */
    private int elementEnd(int from, int close) {
        int depth = 0;
        for (int j = from; j < close; j++) {
            SqlToken t = tokens.get(j);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.isSymbol(",")) {
                return j;
            }
        }
        return close;
    }

    /** End of one column option: a parenthesised group or a single token. */
    private int expressionOrTokenEnd(int i, int to) throws SQLException {
        if (tokens.get(i).isSymbol("(")) {
            return matchParen(i) + 1;
        }
        if (tokens.get(i).kind() == Kind.WORD && isSymbolAt(meaningful(i + 1), "(")) {
            return matchParen(meaningful(i + 1)) + 1;
        }
        return i + 1;
    }

    private int matchParen(int open) throws SQLException {
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            if (tokens.get(j).isSymbol("(")) {
                depth++;
            } else if (tokens.get(j).isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    return j;
                }
            }
        }
        throw new SqlException("Unbalanced parentheses from line " + tokens.get(open).line() + " in: "
                + statement.strip(), null);
    }

    private int meaningful(int from) {
        if (from < 0) {
            return -1;
        }
        for (int i = from; i < tokens.size(); i++) {
            if (!tokens.get(i).isTrivia()) {
                return i;
            }
        }
        return -1;
    }

    private int previousMeaningful(int before, int floor) {
        for (int i = before - 1; i >= floor; i--) {
            if (!tokens.get(i).isTrivia()) {
                return i;
            }
        }
        return -1;
    }

    private boolean isWord(int i, String word) {
        return i >= 0 && i < tokens.size() && tokens.get(i).isWord(word);
    }

    private boolean isSymbolAt(int i, String symbol) {
        return i >= 0 && i < tokens.size() && tokens.get(i).isSymbol(symbol);
    }

    private boolean isName(int i) {
        if (i < 0 || i >= tokens.size()) {
            return false;
        }
        Kind kind = tokens.get(i).kind();
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    private String upperOrEmpty(int i) {
        return tokens.get(i).kind() == Kind.WORD ? upper(tokens.get(i)) : "";
    }

    private static String upper(SqlToken t) {
        return t.text().toUpperCase(Locale.ROOT);
    }

    /** A name as Snowflake resolves it: unquoted upper-cased, quoted as written. */
    static String name(SqlToken t) {
        if (t.kind() == Kind.QUOTED_IDENTIFIER) {
            return t.text().substring(1, t.text().length() - 1).replace("\"\"", "\"");
        }
        return t.text().toUpperCase(Locale.ROOT);
    }

    private static String renderName(SqlToken t) {
        return t.kind() == Kind.QUOTED_IDENTIFIER ? t.text() : t.text().toUpperCase(Locale.ROOT);
    }

    private String render(SqlToken t) {
        return t.kind() == Kind.WORD ? upper(t) : t.text();
    }

    private String render(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            out.append(render(tokens.get(i)));
        }
        return out.toString();
    }

    /** A Snowflake string literal (backslash escapes, or $$...$$) as a standard SQL literal. */
    private static String stringLiteral(SqlToken t) {
        return "'" + unescape(t).replace("'", "''") + "'";
    }

    static String unescape(SqlToken t) {
        String text = t.text();
        if (text.startsWith("$$")) {
            return text.substring(2, text.length() - 2);
        }
        String body = text.substring(1, text.length() - 1);
        StringBuilder value = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char e = body.charAt(++i);
                if (e == 'u' && i + 4 < body.length()) {
                    value.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                    continue;
                }
                if (e == 'x' && i + 2 < body.length()) {
                    value.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                }
                value.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case '0' -> '\0';
                    default -> e;
                });
            } else if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                value.append('\'');
                i++;
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }


    private SqlException unsupported(String construct, SqlToken at) {
        return SqlException.unsupported(construct, at.line(), statement);
    }

    /** @return the statement's first keyword, upper-cased, if it has one */
    public static Optional<String> firstKeyword(String statement) throws SQLException {
        return SqlTokenizer.tokenize(statement).stream()
                .filter(t -> !t.isTrivia())
                .findFirst()
                .filter(t -> t.kind() == Kind.WORD)
                .map(t -> t.text().toUpperCase(Locale.ROOT));
    }
}
