package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlToken.Kind;

import static dev.snowpipecdc.emulator.sql.SqlNames.name;
import static dev.snowpipecdc.emulator.sql.SqlNames.quote;

/** Snowflake functions without a DuckDB twin, rewritten call by call (the rest are left as they are). */
final class FunctionCalls extends TranslatorPart {

    /** Functions rewritten here; any other function is left as it is (only its arguments are rewritten). */
    private static final Set<String> REWRITTEN_FUNCTIONS = Set.of("IFF", "EQUAL_NULL", "NVL",
            "IFNULL", "NVL2", "ZEROIFNULL", "DIV0", "PARSE_JSON", "TRY_PARSE_JSON", "TO_VARIANT", "TO_JSON",
            "STRIP_NULL_VALUE", "IS_NULL_VALUE",
            "OBJECT_CONSTRUCT", "OBJECT_CONSTRUCT_KEEP_NULL", "ARRAY_CONSTRUCT", "ARRAY_AGG", "LISTAGG", "DATEADD",
            "TIMEADD", "TIMESTAMPADD", "DATEDIFF", "TIMEDIFF", "TIMESTAMPDIFF", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP",
            "GETDATE", "SYSDATE", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIME", "TO_TIMESTAMP", "TO_TIMESTAMP_NTZ",
            "TO_TIMESTAMP_LTZ", "TO_TIMESTAMP_TZ", "TO_VARCHAR", "TO_CHAR", "TO_NUMBER", "TO_DECIMAL", "TO_NUMERIC",
            "TO_BOOLEAN", "TO_DATE", "DATE", "LAST_QUERY_ID", "CURRENT_DATABASE", "CURRENT_SCHEMA",
            "CURRENT_WAREHOUSE", "CURRENT_ROLE", "CURRENT_USER", "CURRENT_ACCOUNT", "GET_PATH", "TYPEOF",
            "CONVERT_TIMEZONE", "OBJECT_AGG", "ARRAY_SIZE", "GET",
            "LAST_DAY", "DAYNAME", "MONTHNAME", "EXTRACT", "DATE_TRUNC");

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

    private final VariantPaths paths;

    FunctionCalls(SnowflakeSqlTranslator translator, TranslationContext context, VariantPaths paths) {
        super(translator, context);
        this.paths = paths;
    }

    /**
     * Rewrites a function call whose name needs it, returning the index after the call; -1 when the function is
     * left as it is (its arguments are then rewritten by the main loop).
     */
    int function(int nameIndex, StringBuilder out) throws SQLException {
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
            case "PARSE_JSON" -> parseJson(args, nameIndex);
            case "TRY_PARSE_JSON" -> "TRY_CAST(" + arg(args, 0, 1, fn) + " AS JSON)";
            case "TO_VARIANT" -> variant(arg(args, 0, 1, fn));
            case "TO_JSON" -> "to_json(" + arg(args, 0, 1, fn) + ")";
            // pairs with a NULL key or value are left out
            case "OBJECT_AGG" -> "COALESCE(json_group_object(CASE WHEN " + arg(args, 1, 2, fn) + " IS NOT NULL THEN "
                    + args.get(0) + " END, " + args.get(1) + "), '{}'::JSON)";
            case "ARRAY_SIZE" -> "(CASE WHEN json_type(" + arg(args, 0, 1, fn) + ") = 'ARRAY' THEN json_array_length("
                    + args.get(0) + ") END)";
            // an array's element by index, an object's value by key
            case "GET" -> "(CASE WHEN json_type(" + arg(args, 0, 2, fn) + ") = 'ARRAY' THEN " + args.get(0)
                    + " -> TRY_CAST(" + args.get(1) + " AS BIGINT) ELSE " + args.get(0) + " -> CAST(" + args.get(1)
                    + " AS VARCHAR) END)";
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
            case "DATEDIFF", "TIMEDIFF", "TIMESTAMPDIFF" -> dateDiff(datePart(arg(args, 0, 3, fn), nameIndex),
                    temporal(args.get(1)), temporal(args.get(2)));
            case "LAST_DAY" -> lastDay(args, nameIndex);
            // the value's own type, as in Snowflake (DuckDB truncates a TIMESTAMP to a DATE for days and longer)
            // (the least of the two is the truncated value, in the value's type)
            case "DATE_TRUNC" -> "least(" + arg(args, 1, 2, fn) + ", date_trunc('" + datePart(args.get(0), nameIndex)
                    .toLowerCase(Locale.ROOT) + "', " + args.get(1) + "))";
            // EXTRACT(part, value) as well as EXTRACT(part FROM value)
            case "EXTRACT" -> args.size() == 2 ? "date_part('" + datePart(args.get(0), nameIndex).toLowerCase(
                    Locale.ROOT) + "', " + args.get(1) + ")" : null;
            // Snowflake's names are three letters
            case "DAYNAME" -> "strftime(" + arg(args, 0, 1, fn) + ", '%a')";
            case "MONTHNAME" -> "strftime(" + arg(args, 0, 1, fn) + ", '%b')";
            // an optional precision argument is ignored: DuckDB keeps microseconds
            case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "GETDATE" -> "current_timestamp";
            case "SYSDATE" -> "(now() AT TIME ZONE 'UTC')";
            case "CURRENT_DATE" -> "current_date";
            case "CURRENT_TIME", "LOCALTIME" -> "current_time";
            case "TO_TIMESTAMP", "TO_TIMESTAMP_NTZ", "TO_TIMESTAMP_LTZ", "TO_TIMESTAMP_TZ" -> toTimestamp(fn, args,
                    nameIndex);
            case "TO_VARCHAR", "TO_CHAR" -> args.size() == 1 ? text(args.get(0))
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
            case "TO_DATE", "DATE" -> args.size() == 1 ? "CAST(" + fromEpochDigits(args.get(0), "CAST(" + args.get(0)
                    + " AS DATE)") + " AS DATE)"
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
    int withinGroupEnd = -1;

    /** WITHIN GROUP (ORDER BY x) after an aggregate call: DuckDB takes the ORDER BY inside the call. */
    String withinGroup(int close) throws SQLException {
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

    int cast(String fn, int open, int close, StringBuilder out) throws SQLException {
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
        Optional<String> path = type.equals("JSON") ? Optional.empty() : pathAsText(open + 1, as);
        String operand = path.isPresent() ? path.get() : rewrite(open + 1, as).strip();
        out.append(fn).append('(').append(operand).append(" AS ").append(type).append(')');
        return close + 1;
    }

    String objectConstruct(List<String> args, int at, boolean keepNulls) throws SQLException {
        if (args.size() == 1 && args.get(0).strip().equals("*")) {
            // the row of the one source in FROM, as an object without its NULL values
            String row = "to_json(" + quote(singleSource(at).orElseThrow(() -> unsupported(
                    "OBJECT_CONSTRUCT(*) over anything but one table, view or VALUES list", tokens.get(at)))) + ")";
            String object = "(SELECT json_group_object(key, value) FROM json_each(" + row + ") WHERE json_type(value)"
                    + " <> 'NULL')";
            return keepNulls ? row : "COALESCE(" + object + ", '{}'::JSON)";
        }
        if (args.isEmpty() || (args.size() == 1 && args.get(0).isBlank())) {
            return "'{}'::JSON";
        }
        if (args.size() % 2 != 0) {
            throw new SqlException("OBJECT_CONSTRUCT needs key/value pairs (line " + tokens.get(at).line() + ") in: "
                    + statement.strip(), null);
        }
        // a pair with a NULL key is left out; OBJECT_CONSTRUCT also leaves out SQL NULL values (a JSON null stays),
        // OBJECT_CONSTRUCT_KEEP_NULL keeps them as JSON null
        StringBuilder values = new StringBuilder();
        for (int k = 0; k < args.size(); k += 2) {
            values.append(k == 0 ? "" : ", ").append("(CAST(").append(args.get(k)).append(" AS VARCHAR), ")
                    .append(keepNulls ? "COALESCE(to_json(" + args.get(k + 1) + "), 'null'::JSON)"
                            : variant(args.get(k + 1))).append(')');
        }
        return "COALESCE((SELECT json_group_object(__k, __v) FROM (VALUES " + values + ") AS __oc(__k, __v)"
                + " WHERE __k IS NOT NULL AND __v IS NOT NULL), '{}'::JSON)";
    }

    /** Whether an expression, as translated, is a DATE by the way it is written (a column's type is not known). */
    static boolean writtenAsDate(String value) {
        return value.strip().matches("(?is)CAST\\(.*\\s+AS\\s+DATE\\)|.*::\\s*DATE|current_date");
    }

    /** A bare or qualified column as translated; its last part is group 1. */
    private static final java.util.regex.Pattern COLUMN_REFERENCE = java.util.regex.Pattern.compile(
            "(?:(?:\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*)\\.)*(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*)");

    /** A bare or qualified column of a table the statement reads, whose type is DATE. */
    private boolean isDateColumn(String value) throws SQLException {
        java.util.regex.Matcher m = COLUMN_REFERENCE.matcher(value.strip());
        if (!m.matches()) {
            return false;
        }
        String column = m.group(1).startsWith("\"") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        return context.columnType(translator.readTables(), column).filter(t -> t.equals("DATE")).isPresent();
    }

    /** A value's text: a VARIANT's string without the quotes of its JSON, anything else cast to VARCHAR. */
    static String text(String value) {
        // a column's type is only known when the query runs: DuckDB evaluates the branch of the type it has
        return "(CASE WHEN typeof(" + value + ") = 'JSON' THEN json_extract_string(CAST(" + value + " AS JSON), '$')"
                + " ELSE CAST(" + value + " AS VARCHAR) END)";
    }

    /**
     * DATEDIFF counts the boundaries of the part crossed; for weeks (starting on Monday) DuckDB counts whole
     * seven-day spans instead, so weeks are counted between the weeks' first days.
     */
    private static String dateDiff(String part, String from, String to) {
        // text values are read as timestamps, as Snowflake casts them; the type of each branch is only known
        // when the query runs, and TRY_CAST binds for any type, so the branch of the values' type is taken
        // (a TIME has no date parts: days and longer are not counted between TIMEs)
        boolean datePart = Set.of("YEAR", "QUARTER", "MONTH", "WEEK", "DAY").contains(part);
        return "(CASE" + (datePart ? "" : " WHEN typeof(" + from + ") = 'TIME' OR typeof(" + to + ") = 'TIME' THEN "
                + dateDiffOf(part, "TRY_CAST(" + from + " AS TIME)", "TRY_CAST(" + to + " AS TIME)"))
                + " WHEN typeof(" + from + ") = 'TIMESTAMP WITH TIME ZONE' OR typeof(" + to
                + ") = 'TIMESTAMP WITH TIME ZONE' THEN "
                + dateDiffOf(part, "TRY_CAST(" + from + " AS TIMESTAMPTZ)", "TRY_CAST(" + to + " AS TIMESTAMPTZ)")
                + " WHEN typeof(" + from + ") = 'DATE' AND typeof(" + to + ") = 'DATE' THEN "
                + dateDiffOf(part, "TRY_CAST(" + from + " AS DATE)", "TRY_CAST(" + to + " AS DATE)")
                + " ELSE " + dateDiffOf(part, timestampOf(from), timestampOf(to)) + " END)";
    }

    /** A value as a TIMESTAMP; text that is not one fails, as in Snowflake (TRY_CAST binds for any type). */
    private static String timestampOf(String value) {
        return "COALESCE(TRY_CAST(" + value + " AS TIMESTAMP), CASE WHEN (" + value + ") IS NULL THEN NULL ELSE"
                + " error('100035 (22007): Timestamp ''' || CAST(" + value + " AS VARCHAR) || ''' is not recognized')"
                + " END)";
    }

    private static String dateDiffOf(String part, String from, String to) {
        if (part.equals("WEEK")) {
            return "(date_diff('day', date_trunc('week', " + from + "), date_trunc('week', " + to + ")) // 7)";
        }
        return "date_diff('" + part.toLowerCase(Locale.ROOT) + "', " + from + ", " + to + ")";
    }

    /** A string literal where a date or time is expected is read as a timestamp (DuckDB would not guess). */
    private static String temporal(String value) {
        String v = value.strip();
        return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? "CAST(" + v + " AS TIMESTAMP)" : value;
    }

    private String fromEpochDigits(String value, String otherwise) {
        return fromEpochDigits(value, otherwise, "TIMESTAMP");
    }

    /**
     * TO_TIMESTAMP / TO_DATE of a string of digits: seconds, milliseconds, microseconds or nanoseconds since the
     * epoch, told apart by magnitude as Snowflake does; any other value as {@code otherwise}.
     */
    private static String fromEpochDigits(String value, String otherwise, String target) {
        String digits = "CAST(" + value + " AS VARCHAR)";
        String n = "TRY_CAST(" + digits + " AS BIGINT)";
        String micros = "make_timestamp(CASE WHEN abs(" + n + ") < 31536000000 THEN " + n + " * 1000000 WHEN abs(" + n
                + ") < 31536000000000 THEN " + n + " * 1000 WHEN abs(" + n + ") < 31536000000000000 THEN " + n
                + " ELSE " + n + " // 1000 END)";
        String instant = target.equals("TIMESTAMPTZ") ? "timezone('UTC', " + micros + ")" : micros;
        return "(CASE WHEN regexp_full_match(" + digits + ", '-?[0-9]+') THEN " + instant + " ELSE " + otherwise
                + " END)";
    }

    /** LAST_DAY(date [, part]): the last day of its month, or of its year, quarter or (Monday-based) week. */
    private String lastDay(List<String> args, int at) throws SQLException {
        String d = args.get(0);
        String part = args.size() > 1 ? datePart(args.get(1), at) : "MONTH";
        return switch (part) {
            case "MONTH" -> "last_day(" + d + ")";
            case "YEAR" -> "make_date(year(" + d + "), 12, 31)";
            case "QUARTER" -> "CAST(date_trunc('quarter', " + d + ") + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE)";
            case "WEEK" -> "CAST(date_trunc('week', " + d + ") + INTERVAL 6 DAY AS DATE)";
            default -> unsupportedArgs("LAST_DAY", "the date part " + args.get(1).strip(), at);
        };
    }

    /**
     * The name the one source of the select list around the call at {@code at} is known by (its alias, its name, or
     * the name VALUES lists get), when its FROM has a single source.
     */
    private Optional<String> singleSource(int at) throws SQLException {
        int depth = 0;
        int from = -1;
        for (int i = at; i < tokens.size() && from < 0; i++) {
            SqlToken t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                if (--depth < 0) {
                    return Optional.empty();
                }
            } else if (depth == 0 && t.isWord("FROM")) {
                from = i;
            }
        }
        int i = meaningful(from + 1);
        if (from < 0 || i < 0) {
            return Optional.empty();
        }
        String name;
        if (isWord(i, "VALUES") || isSymbolAt(i, "(")) {
            boolean values = isWord(i, "VALUES");
            i = isSymbolAt(i, "(") ? matchParen(i) : skipRows(i);
            name = values ? "__VALUES" : null;
        } else if (isName(i)) {
            name = SqlNames.name(tokens.get(i));
            while (isSymbolAt(meaningful(i + 1), ".") && isName(meaningful(meaningful(i + 1) + 1))) {
                i = meaningful(meaningful(i + 1) + 1);
                name = SqlNames.name(tokens.get(i));
            }
        } else {
            return Optional.empty();
        }
        int next = meaningful(i + 1);
        if (isWord(next, "AS")) {
            next = meaningful(next + 1);
        }
        if (next >= 0 && isName(next) && !TableReferences.isClauseWord(upperOrEmpty(next))) {
            name = SqlNames.name(tokens.get(next));
            next = meaningful(next + 1);
        }
        boolean alone = next < 0 || isSymbolAt(next, ")") || isSymbolAt(next, "(") && name != null
                || (tokens.get(next).kind() == Kind.WORD && TableReferences.isClauseWord(upperOrEmpty(next))
                && !Set.of("JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "NATURAL", "ASOF",
                "POSITIONAL", "LATERAL", "SEMI", "ANTI").contains(upperOrEmpty(next)));
        return alone && !isSymbolAt(next, ",") ? Optional.ofNullable(name) : Optional.empty();
    }

    /** Past VALUES (...), (...): the index of the last ')'. */
    private int skipRows(int valuesWord) throws SQLException {
        int last = valuesWord;
        int open = meaningful(valuesWord + 1);
        while (isSymbolAt(open, "(")) {
            last = matchParen(open);
            int comma = meaningful(last + 1);
            open = isSymbolAt(comma, ",") ? meaningful(comma + 1) : -1;
        }
        return last;
    }

    /** A value as a VARIANT: SQL NULL stays NULL, a string is a JSON string (not parsed), JSON stays as it is. */
    static String variant(String value) {
        return "to_json(" + value + ")";
    }

    /**
     * PARSE_JSON(text [, 'd']): Snowflake's parser is lenient where DuckDB's is not (unquoted object keys, NULL /
     * TRUE / FALSE in any case), and refuses duplicate keys unless 'd' is given (then the last one wins).
     */
    private String parseJson(List<String> args, int at) throws SQLException {
        if (args.isEmpty() || args.size() > 2) {
            throw new SqlException("PARSE_JSON takes 1 or 2 arguments, got " + args.size() + " in: "
                    + statement.strip(), null);
        }
        String text = args.get(0);
        boolean literal = text.length() >= 2 && text.startsWith("'") && text.endsWith("'");
        boolean duplicatesAllowed = args.size() == 2 && unquoted(args.get(1).strip()).contains("d");
        if (args.size() == 2 && !unquoted(args.get(1).strip()).matches("[sd]*")) {
            return unsupportedArgs("PARSE_JSON", "the option " + args.get(1).strip(), at);
        }
        if (literal) {
            return "json('" + JsonLiterals.parse(unquoted(text), duplicatesAllowed).replace("'", "''") + "')";
        }
        String parsed = "(CASE WHEN json_valid(" + text + ") THEN json(" + text + ")"
                + " WHEN lower(trim(" + text + ")) IN ('null', 'true', 'false') THEN json(lower(trim(" + text + ")))"
                + " ELSE json(regexp_replace(" + text + ", '([{,]\\s*)([A-Za-z_$][A-Za-z0-9_$]*)\\s*:',"
                + " '\\1\"\\2\":', 'g')) END)";
        if (duplicatesAllowed) {
            return "(CASE WHEN json_type(" + parsed + ") = 'OBJECT' THEN (SELECT json_group_object(key, value)"
                    + " FROM (SELECT key, arg_max(value, id) AS value FROM json_each(" + parsed + ") GROUP BY key))"
                    + " ELSE " + parsed + " END)";
        }
        return "(CASE WHEN EXISTS (SELECT 1 FROM json_tree(" + parsed + ") WHERE key IS NOT NULL"
                + " GROUP BY parent, key HAVING COUNT(*) > 1) THEN error('100069 (22P02): Error parsing JSON:"
                + " duplicate object attribute') ELSE " + parsed + " END)";
    }

    String dateAdd(List<String> args, int at) throws SQLException {
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
        boolean date = writtenAsDate(value) || isDateColumn(value);
        return date && Set.of("YEAR", "QUARTER", "MONTH", "WEEK", "DAY").contains(part)
                ? "CAST(" + sum + " AS DATE)" : sum;
    }

    String toTimestamp(String fn, List<String> args, int at) throws SQLException {
        String target = switch (fn) {
            case "TO_TIMESTAMP_LTZ", "TO_TIMESTAMP_TZ" -> "TIMESTAMPTZ";
            case "TO_TIMESTAMP_NTZ" -> "TIMESTAMP";
            default -> SnowflakeTypes.toDuckDb(context.timestampTypeMapping(), List.of()).orElse("TIMESTAMP");
        };
        if (args.size() == 1) {
            return fromEpochDigits(args.get(0), "CAST(" + args.get(0) + " AS " + target + ")", target);
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
    String parsed(String fn, List<String> args, int at) throws SQLException {
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
    String getPath(List<String> args, int at) throws SQLException {
        String path = arg(args, 1, 2, "GET_PATH").strip();
        if (!(path.length() >= 2 && path.startsWith("'") && path.endsWith("'"))) {
            return unsupportedArgs("GET_PATH", "a path that is not a literal", at);
        }
        String p = unquoted(path).replace(':', '.');
        return "(" + args.get(0) + " -> '" + (p.startsWith("[") ? "$" : "$.") + p.replace("'", "''") + "')";
    }

    /** TYPEOF of a VARIANT, with Snowflake's names (a number with an exponent is a DOUBLE, with a point DECIMAL). */
    static String typeOf(String value) {
        return "(CASE json_type(" + value + ") WHEN 'NULL' THEN 'NULL_VALUE' WHEN 'BIGINT' THEN 'INTEGER'"
                + " WHEN 'UBIGINT' THEN 'INTEGER' WHEN 'DOUBLE' THEN CASE WHEN regexp_matches(CAST(" + value
                + " AS VARCHAR), '[eE]') THEN 'DOUBLE' ELSE 'DECIMAL' END ELSE json_type(" + value + ") END)";
    }

    String unsupportedArgs(String fn, String what, int at) throws SQLException {
        throw unsupported(fn + " with " + what, tokens.get(at));
    }

    String datePart(String part, int at) throws SQLException {
        String p = part.strip().replace("'", "").replace("\"", "").toUpperCase(Locale.ROOT);
        String mapped = DATE_PARTS.get(p);
        if (mapped == null) {
            throw unsupported("the date part " + part.strip(), tokens.get(at));
        }
        return mapped;
    }

    String arg(List<String> args, int index, int expected, String fn) throws SQLException {
        if (args.size() != expected) {
            throw new SqlException(fn + " takes " + expected + " arguments, got " + args.size() + " in: "
                    + statement.strip(), null);
        }
        return args.get(index);
    }

    private Optional<String> pathAsText(int from, int to) throws SQLException {
        return paths.pathAsText(from, to);
    }
}
