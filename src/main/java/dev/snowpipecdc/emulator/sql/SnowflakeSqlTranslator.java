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

import static dev.snowpipecdc.emulator.sql.SqlNames.quote;
import static dev.snowpipecdc.emulator.sql.SqlNames.stringLiteral;

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
 * Constructs it knows it cannot run faithfully fail with {@link SqlException}. This class walks the statement and
 * hands each construct to its part: {@link TableDdl}, {@link TableReferences}, {@link FunctionCalls},
 * {@link VariantPaths}; {@link TokenNavigation} is their shared way around the tokens.
 */
public final class SnowflakeSqlTranslator extends TokenNavigation {

    /**
     * DuckDB statements to run before the translated statement (e.g. sequences), the statement, and for a
     * CREATE TABLE its declared primary key (constraints are not enforced by Snowflake, so they are not created
     * in DuckDB; the key is remembered for streams).
     */
    public record Translation(List<String> setup, String sql, List<String> primaryKey) {
    }

    private static final Set<String> FUNCTIONS_WITH_FROM = Set.of("EXTRACT", "TRIM", "SUBSTRING", "SUBSTR",
            "OVERLAY", "POSITION");
    private static final Set<String> UNSUPPORTED_WORDS = Set.of("MATCH_RECOGNIZE", "CONNECT_BY_ROOT");

    /** The statement's tokens as written, and as rewritten (TokenRewrites), each knowing where it comes from. */
    private final List<SqlToken> written;
    private final List<TokenRewrites.Placed> placed;
    private final TranslationContext context;
    private final TableDdl ddl;
    private final TableReferences tables;
    private final VariantPaths paths;
    private final FunctionCalls functions;
    /**
     * The index of each operand's last token (a call's or a group's ')', a literal, a name) → where the operand
     * starts in the output being written: for what applies to an operand after it is written (a path, ::VARIANT).
     */
    private final Map<Integer, Integer> operandStarts = new java.util.HashMap<>();
    /** Snowflake's names for the unaliased expressions of select lists, by the index of the token after each. */
    private Map<Integer, String> selectLabels = Map.of();

    private SnowflakeSqlTranslator(String statement, List<SqlToken> written, TranslationContext context)
            throws SQLException {
        this(statement, written, TokenRewrites.apply(written), context);
    }

    private SnowflakeSqlTranslator(String statement, List<SqlToken> written, List<TokenRewrites.Placed> placed,
            TranslationContext context) {
        super(placed.stream().map(TokenRewrites.Placed::token).toList(), statement);
        this.written = written;
        this.placed = placed;
        this.context = context;
        this.ddl = new TableDdl(this, context);
        this.tables = new TableReferences(this, context);
        this.paths = new VariantPaths(this, context);
        this.functions = new FunctionCalls(this, context, paths);
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
        SnowflakeSqlTranslator translator = new SnowflakeSqlTranslator(statement, SqlTokenizer.tokenize(statement),
                context);
        String sql = translator.run();
        return new Translation(translator.ddl.setup, sql, List.copyOf(translator.ddl.primaryKey));
    }

    private String run() throws SQLException {
        tables.collectCteNames();
        selectLabels = labelsAtRewrittenTokens();
        paths.readFlattenAliases();
        for (SqlToken t : tokens) {
            if (t.kind() == Kind.WORD && UNSUPPORTED_WORDS.contains(upper(t))) {
                throw unsupported(upper(t), t);
            }
        }
        Optional<String> clone = ddl.cloneTable();
        if (clone.isPresent()) {
            return clone.get();
        }
        int columnList = ddl.createTableColumnList();
        if (columnList >= 0) {
            return ddl.createTable(columnList);
        }
        return rewrite(0, tokens.size());
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

    /** Rewrites tokens [from, to). */
    String rewrite(int from, int to) throws SQLException {
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
        // divisors being written, innermost last: {index of the divisor's last token, where it starts in out}
        java.util.Deque<int[]> divisors = new java.util.ArrayDeque<>();
        while (i < to) {
            checkedDivisors(divisors, i, out);
            SqlToken t = tokens.get(i);
            int depth = inFrom.size() - 1;
            if (t.isSymbol("/")) {
                out.append('/');
                int end = divisorEnd(i, to);
                if (end >= 0) {
                    divisors.addLast(new int[]{end, out.length()});
                }
                i++;
                continue;
            }
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
                operandStarts.put(i, out.length());
                out.append(stringLiteral(t));
                i++;
                continue;
            }
            if (t.isSymbol("(") && isWord(meaningful(i + 1), "VALUES")) {
                int before = previousMeaningful(i, from);
                if (before >= 0 && (TableReferences.TABLE_POSITION_KEYWORDS.contains(upperOrEmpty(before))
                        || (tokens.get(before).isSymbol(",") && inFrom.get(depth)))) {
                    // FROM (VALUES ...) [AS] alias [(names)]
                    int close = matchParen(i);
                    i = tables.values(meaningful(meaningful(i + 1) + 1), previousMeaningful(close, i), close + 1, to,
                            out);
                    continue;
                }
            }
            if (t.isSymbol("(")) {
                inFrom.add(false);
                inSet.add(false);
                int before = previousMeaningful(i, from);
                // EXTRACT(x FROM y), TRIM(... FROM y), SUBSTRING(x FROM n): that FROM names no table
                noTablesAt.add(before >= 0 && FUNCTIONS_WITH_FROM.contains(upperOrEmpty(before)));
                operandStarts.putIfAbsent(matchParen(i), out.length());
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
                if (TableReferences.TABLE_POSITION_KEYWORDS.contains(word)) {
                    inFrom.set(depth, word.equals("FROM") || word.equals("JOIN") || inFrom.get(depth));
                } else if (TableReferences.FROM_CLAUSE_ENDS.contains(word)) {
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
                    && (TableReferences.TABLE_POSITION_KEYWORDS.contains(upperOrEmpty(prev))
                    || (tokens.get(prev).isSymbol(",") && inFrom.get(depth)))
                    && !(tokens.get(prev).isWord("FROM") && isWord(previousMeaningful(prev, from), "DISTINCT"));
            // DELETE FROM x names the target, never a stream's rows
            boolean dmlTarget = prev >= 0 && tokens.get(prev).isWord("FROM")
                    && isWord(previousMeaningful(prev, from), "DELETE");
            if (t.isWord("TABLE") && isSymbolAt(meaningful(i + 1), "(") && tablePosition(prev)) {
                i = tables.tableFunction(i, out);
                continue;
            }
            if (t.isWord("LATERAL") && isWord(meaningful(i + 1), "FLATTEN")
                    && isSymbolAt(meaningful(meaningful(i + 1) + 1), "(")) {
                int open = meaningful(meaningful(i + 1) + 1);
                out.append("LATERAL ").append(tables.flatten(open));
                i = matchParen(open) + 1;
                continue;
            }
            if (t.isWord("FLATTEN") && isSymbolAt(meaningful(i + 1), "(")) {
                throw unsupported("FLATTEN outside LATERAL FLATTEN(...) or TABLE(FLATTEN(...))", t);
            }
            if (tablePosition && !dmlTarget && t.isWord("VALUES") && isSymbolAt(meaningful(i + 1), "(")) {
                i = tables.valuesTable(i, to, out);
                continue;
            }
            if (tablePosition && !dmlTarget && isName(i)) {
                i = tables.tableReference(i, to, out);
                continue;
            }
            if (t.kind() == Kind.WORD && isSymbolAt(meaningful(i + 1), "(")) {
                // where the call starts in the output, for a path on its result (PARSE_JSON('...'):a)
                operandStarts.put(matchParen(meaningful(i + 1)), out.length());
                int next = functions.function(i, out);
                if (next >= 0) {
                    i = next;
                    continue;
                }
            }
            int before = previousMeaningful(i, from);
            if (t.isSymbol(":") && isName(meaningful(i + 1)) && isSymbolAt(before, ")")
                    && operandStarts.containsKey(before) && operandStarts.get(before) <= out.length()) {
                int start = operandStarts.get(before);
                String call = out.substring(start).strip();
                out.setLength(start);
                i = paths.path(new StringBuilder("(" + call + ")"), i, i, to, out, false);
                continue;
            }
            if (t.isSymbol("$") && i + 1 < to && tokens.get(i + 1).kind() == Kind.NUMBER) {
                // $1, $2: the columns of the FROM by position (of a VALUES list, a flow's result)
                operandStarts.put(i + 1, out.length());
                out.append('#').append(tokens.get(i + 1).text());
                i += 2;
                continue;
            }
            if (t.isWord("INTERVAL") && kindAt(meaningful(i + 1)) == Kind.STRING) {
                i = interval(i, before, from, out);
                continue;
            }
            if (t.isSymbol("::")) {
                int[] end = new int[1];
                String duckType = type(meaningful(i + 1), end);
                if (isWord(meaningful(i + 1), "VARIANT") && operandStarts.containsKey(before)
                        && operandStarts.get(before) <= out.length()) {
                    // a value cast to VARIANT is that value, a string stays a string: not parsed as JSON
                    int start = operandStarts.get(before);
                    String operand = out.substring(start).strip();
                    out.setLength(start);
                    out.append(FunctionCalls.variant(operand));
                } else if (kindAt(before) == Kind.STRING && operandStarts.containsKey(before)
                        && duckType.startsWith("TIMESTAMP")) {
                    // a timestamp literal with an offset: read as Snowflake reads it for the type
                    out.setLength(operandStarts.get(before));
                    String value = InsertCoercion.timestampLiteral(SqlNames.unescape(tokens.get(before)), duckType);
                    out.append('\'').append(value.replace("'", "''")).append("'::").append(duckType);
                } else {
                    out.append("::").append(duckType);
                }
                i = end[0] + 1;
                continue;
            }
            if (isName(i)) {
                int start = out.length();
                i = paths.operand(i, to, out);
                operandStarts.put(i - 1, start);
                continue;
            }
            if (t.kind() == Kind.NUMBER) {
                operandStarts.put(i, out.length());
            }
            out.append(render(t));
            i++;
        }
        checkedDivisors(divisors, to, out);
        if (to == tokens.size() && selectLabels.containsKey(to)) {
            out.append(" AS ").append(quote(selectLabels.get(to)));
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern DATE_INTERVAL = java.util.regex.Pattern.compile(
            "(?i)\\s*-?\\d+\\s*(y|yy|yyy|yyyy|yr|years?|yrs|q|qtrs?|quarters?|mm|mon|mons|months?|w|wk|weeks?"
                    + "|d|dd|days?)\\s*");

    /**
     * {@code + INTERVAL '1 day, 1 year'}: Snowflake adds the parts in the order written (DuckDB would add months
     * before days), so each part becomes its own interval. A DATE plus whole days, weeks, months or years stays a
     * DATE, as in Snowflake (DuckDB makes it a TIMESTAMP).
     */
    private int interval(int intervalWord, int sign, int from, StringBuilder out) throws SQLException {
        int literal = meaningful(intervalWord + 1);
        String[] parts = SqlNames.unescape(tokens.get(literal)).split(",");
        boolean signed = isSymbolAt(sign, "+") || isSymbolAt(sign, "-");
        if (parts.length > 1 && !signed) {
            throw unsupported("an INTERVAL of several parts that is not added or subtracted", tokens.get(literal));
        }
        StringBuilder intervals = new StringBuilder();
        boolean dateParts = true;
        for (int p = 0; p < parts.length; p++) {
            intervals.append(p == 0 ? "" : " " + tokens.get(sign).text() + " ").append("INTERVAL ")
                    .append('\'').append(parts[p].strip().replace("'", "''")).append('\'');
            dateParts &= DATE_INTERVAL.matcher(parts[p]).matches();
        }
        int operandEnd = signed ? previousMeaningful(sign, from) : -1;
        Integer start = operandEnd >= 0 ? operandStarts.get(operandEnd) : null;
        if (dateParts && start != null && start <= out.length()
                && !out.substring(0, start).stripTrailing().matches("(?s).*[-+*/]")) {
            String operandAndSign = out.substring(start);
            String operand = operandAndSign.substring(0, operandAndSign.lastIndexOf(tokens.get(sign).text()));
            if (FunctionCalls.writtenAsDate(operand)) {
                out.setLength(start);
                out.append("CAST(").append(operandAndSign).append(intervals).append(" AS DATE)");
                return literal + 1;
            }
        }
        out.append(intervals);
        return literal + 1;
    }

    /** Words that begin an expression, not a name: a divisor starting with one is left unchecked. */
    private static final Set<String> EXPRESSION_WORDS = Set.of("CASE", "NOT", "EXISTS", "INTERVAL", "DATE", "TIME",
            "TIMESTAMP", "NULL", "TRUE", "FALSE", "SELECT", "CAST", "TRY_CAST");
    /** Calls whose every evaluation differs: checking such a divisor would evaluate it twice. */
    private static final Set<String> VOLATILE_CALLS = Set.of("RANDOM", "UUID_STRING", "NORMAL", "UNIFORM", "RANDSTR",
            "SEQ1", "SEQ2", "SEQ4", "SEQ8");
    /** What may follow a call and belongs to it (a window, a filter, an ordered aggregate). */
    private static final Set<String> CALL_SUFFIXES = Set.of("OVER", "FILTER", "WITHIN", "IGNORE", "RESPECT");

    /**
     * The last token of the divisor after the '/' at {@code slash}: a number, a (qualified) column, a call or a
     * parenthesised expression; -1 for anything else (an expression keyword, a value with a cast or a path after
     * it, a call with a window, a volatile call or a sequence), which is left unchecked.
     */
    private int divisorEnd(int slash, int to) throws SQLException {
        int first = meaningful(slash + 1);
        if (first < 0 || first >= to) {
            return -1;
        }
        SqlToken t = tokens.get(first);
        if (t.kind() == Kind.WORD && (EXPRESSION_WORDS.contains(upper(t)) || VOLATILE_CALLS.contains(upper(t)))) {
            return -1;
        }
        int end;
        if (t.kind() == Kind.NUMBER) {
            end = first;
        } else if (t.isSymbol("(")) {
            end = matchParen(first);
        } else if (isName(first) && isSymbolAt(meaningful(first + 1), "(")) {
            end = matchParen(meaningful(first + 1));
        } else if (isName(first)) {
            end = first;
            while (isSymbolAt(meaningful(end + 1), ".") && isName(meaningful(meaningful(end + 1) + 1))) {
                end = meaningful(meaningful(end + 1) + 1);
            }
            if (isWord(end, "NEXTVAL")) {
                return -1;
            }
        } else {
            return -1;
        }
        int after = meaningful(end + 1);
        boolean more = isSymbolAt(after, "::") || isSymbolAt(after, ":") || isSymbolAt(after, "[")
                || isSymbolAt(after, "(") || (after >= 0 && tokens.get(after).kind() == Kind.WORD
                && CALL_SUFFIXES.contains(upper(tokens.get(after))));
        return more || end >= to ? -1 : end;
    }

    /**
     * Once a divisor is written: Snowflake fails a division by zero (error 100051) where DuckDB gives NULL or
     * infinity, so the divisor is checked (a non-zero number is left as it is).
     */
    private void checkedDivisors(java.util.Deque<int[]> divisors, int i, StringBuilder out) {
        while (!divisors.isEmpty() && i > divisors.peekLast()[0]) {
            int start = divisors.removeLast()[1];
            String written = out.substring(start);
            String value = written.strip();
            if (value.matches("[0-9.]+") && !value.matches("0*\\.?0*")) {
                continue;
            }
            String trailing = written.substring(written.stripTrailing().length());
            out.setLength(start);
            out.append(" (CASE WHEN (").append(value).append(") = 0 THEN error('100051 (22012): Division by zero')"
                    + " ELSE (").append(value).append(") END)").append(trailing);
        }
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
        return prev >= 0 && (TableReferences.TABLE_POSITION_KEYWORDS.contains(upperOrEmpty(prev))
                || tokens.get(prev).isSymbol(","));
    }

    /** The (unresolved) names of the tables the statement reads: each name after FROM or JOIN. */
    List<List<String>> readTables() {
        List<List<String>> tables = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if ((isWord(i, "FROM") || isWord(i, "JOIN")) && isName(meaningful(i + 1))) {
                List<String> parts = new ArrayList<>();
                int j = meaningful(i + 1);
                parts.add(SqlNames.name(tokens.get(j)));
                while (isSymbolAt(meaningful(j + 1), ".") && isName(meaningful(meaningful(j + 1) + 1))) {
                    j = meaningful(meaningful(j + 1) + 1);
                    parts.add(SqlNames.name(tokens.get(j)));
                }
                tables.add(parts);
            }
        }
        return tables;
    }

    // ------------------------------------------------------------------------------------------------------ types

    /** Maps the type starting at {@code start}; end[0] is set to its last token's index. */
    String type(int start, int[] end) throws SQLException {
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

    /** The arguments of the call whose parentheses are at open/close, each rewritten. */
    List<String> arguments(int open, int close) throws SQLException {
        List<String> args = new ArrayList<>();
        for (int[] range : argumentRanges(open, close)) {
            args.add(rewrite(range[0], range[1]).strip());
        }
        if (args.size() == 1 && args.get(0).isEmpty()) {
            return List.of();
        }
        return args;
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
