package dev.snowpipecdc.ingest.validation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.snowpipecdc.component.RowSizes;
import dev.snowpipecdc.ingest.RejectedRow;

/**
 * Checks rows against their table's columns before they are sent, as the classic SDK does and as Snowflake's Kafka
 * connector does with {@code snowflake.validation=client_side}: the high-performance architecture validates on the
 * server and only counts a row it refuses, so a row that would be refused is caught here, where it can still go to
 * the dead letters with its reason.
 *
 * <p>The rules are Snowflake's loading rules for JSON values, kept to what decides whether a value fits, and on the
 * lenient side (a good change refused here would be dead-lettered, which is worse than the server counting a bad one):
 * a NOT NULL column needs a value unless the table fills it (DEFAULT, identity); a NUMBER takes numbers and numeric
 * text with at most precision − scale integer digits (more decimals are rounded, as Snowflake does); FLOAT numbers,
 * numeric text and NaN/inf; TEXT at most its length in characters; BINARY bytes or hex within its length; BOOLEAN true/false, numbers and Snowflake's boolean words; dates and times ISO-8601 text,
 * epoch numbers or java.time values; OBJECT a map or JSON object text; semi-structured values at most the given
 * size. Keys are matched to columns as they are spelled, else ignoring case (unquoted names); keys that are no column
 * are left to the server (the default pipe matches by column name). A type not listed here is not checked.
 */
public final class RowValidator {

    public static final String NOT_NULL = "NULL_IN_NOT_NULL_COLUMN";
    public static final String INVALID_VALUE = "INVALID_VALUE";
    public static final String OUT_OF_RANGE = "VALUE_OUT_OF_RANGE";
    /** Snowflake's limit for a VARIANT, OBJECT or ARRAY value in the classic architecture: 16 MB. */
    public static final long SEMI_STRUCTURED_16_MB = 16L * 1024 * 1024;
    /** The high-performance architecture's limit for a VARIANT, OBJECT, ARRAY or VARCHAR value: 128 MB. */
    public static final long SEMI_STRUCTURED_128_MB = 128L * 1024 * 1024;

    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "t", "yes", "y", "on", "1", "false", "f", "no",
            "n", "off", "0");
    private static final Set<String> SPECIAL_REALS = Set.of("nan", "inf", "-inf", "infinity", "-infinity");
    /** ISO-8601 date and time, 'T' or a space between, fractions and an offset optional. */
    private static final DateTimeFormatter ISO_TIMESTAMP = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd().toFormatter(Locale.ROOT);

    private enum Kind { NUMBER, REAL, TEXT, BOOLEAN, DATE, TIME, TIMESTAMP, OBJECT, SEMI_STRUCTURED, BINARY, OTHER }

    /** A column with what its values are checked by, worked out once. */
    private record Column(ColumnShape shape, Kind kind, String type) {
    }

    private final List<Column> columns;
    private final long maxSemiStructuredChars;

    /**
     * @param maxSemiStructuredChars the largest VARIANT, OBJECT or ARRAY value taken, as JSON text
     */
    public RowValidator(List<ColumnShape> columns, long maxSemiStructuredChars) {
        this.columns = columns.stream().map(c -> new Column(c, kind(c.dataType()),
                c.dataType().toUpperCase(Locale.ROOT))).toList();
        this.maxSemiStructuredChars = maxSemiStructuredChars;
    }

    /** The rows that do not fit, with their index in {@code rows} and the first reason, in row order. */
    public List<RejectedRow> validate(List<Map<String, Object>> rows) {
        List<RejectedRow> rejected = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            for (Column column : columns) {
                RejectedRow refused = check(i, row, column);
                if (refused != null) {
                    rejected.add(refused);
                    break;
                }
            }
        }
        return rejected;
    }

    private RejectedRow check(int index, Map<String, Object> row, Column column) {
        ColumnShape shape = column.shape();
        Object value = value(row, shape.name());
        if (value == null) {
            return shape.nullable() || shape.filledByTable() ? null : new RejectedRow(index, row, NOT_NULL,
                    "column " + shape.name() + " is NOT NULL and the row has no value for it");
        }
        String problem = problem(column, value);
        if (problem == null) {
            return null;
        }
        String code = problem.startsWith("Out of range") || problem.startsWith("Too long") ? OUT_OF_RANGE
                : INVALID_VALUE;
        return new RejectedRow(index, row, code, "column " + shape.name() + " (" + column.type() + "): " + problem
                + ": '" + shortened(value) + "'");
    }

    /** The row's value of the column: by its exact name, else by a key equal to it ignoring case. */
    private static Object value(Map<String, Object> row, String name) {
        Object value = row.get(name);
        if (value != null || row.containsKey(name)) {
            return value;
        }
        for (Map.Entry<String, Object> entry : row.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static Kind kind(String dataType) {
        return switch (dataType.toUpperCase(Locale.ROOT)) {
            case "NUMBER", "DECIMAL", "NUMERIC", "INT", "INTEGER", "BIGINT", "SMALLINT", "FIXED" -> Kind.NUMBER;
            case "FLOAT", "DOUBLE", "REAL", "DOUBLE PRECISION" -> Kind.REAL;
            case "TEXT", "VARCHAR", "STRING", "CHAR", "CHARACTER" -> Kind.TEXT;
            case "BOOLEAN" -> Kind.BOOLEAN;
            case "DATE" -> Kind.DATE;
            case "TIME" -> Kind.TIME;
            case "TIMESTAMP_LTZ", "TIMESTAMP_NTZ", "TIMESTAMP_TZ", "TIMESTAMP", "DATETIME" -> Kind.TIMESTAMP;
            case "OBJECT" -> Kind.OBJECT;
            // an ARRAY takes any value: the SDKs wrap a single value in an array
            case "VARIANT", "ARRAY" -> Kind.SEMI_STRUCTURED;
            case "BINARY", "VARBINARY" -> Kind.BINARY;
            default -> Kind.OTHER;
        };
    }

    /** Why the value does not fit the column, or null when it does. */
    private String problem(Column column, Object value) {
        return switch (column.kind()) {
            case NUMBER -> number(column.shape(), value);
            case REAL -> real(value);
            case TEXT -> text(column.shape(), value);
            case BOOLEAN -> bool(value);
            case DATE, TIMESTAMP -> temporal(value, column.kind() == Kind.DATE);
            case TIME -> time(value);
            case OBJECT -> value instanceof Map<?, ?> || jsonText(value, '{') ? semiStructured(value)
                    : "Not an object";
            case SEMI_STRUCTURED -> semiStructured(value);
            case BINARY -> binary(column.shape(), value);
            case OTHER -> null;
        };
    }

    private static String number(ColumnShape column, Object value) {
        int precision = column.precision().orElse(38);
        int scale = column.scale().orElse(0);
        BigDecimal number;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            // a long has at most 19 digits: only a narrow column needs a closer look
            if (precision - scale >= 19) {
                return null;
            }
            number = BigDecimal.valueOf(((Number) value).longValue());
        } else {
            try {
                number = value instanceof BigDecimal d ? d : value instanceof Number n ? new BigDecimal(n.toString())
                        : value instanceof String s ? new BigDecimal(s.strip()) : null;
            } catch (NumberFormatException e) {
                number = null;
            }
        }
        if (number == null) {
            return "Not a valid number";
        }
        BigDecimal rounded = number.setScale(scale, RoundingMode.HALF_UP);
        return rounded.precision() - rounded.scale() > precision - scale
                ? "Out of range for NUMBER(" + precision + "," + scale + ")" : null;
    }

    private static String real(Object value) {
        if (value instanceof Number) {
            return null;
        }
        if (value instanceof String s) {
            String t = s.strip();
            if (SPECIAL_REALS.contains(t.toLowerCase(Locale.ROOT))) {
                return null;
            }
            try {
                Double.parseDouble(t);
                return null;
            } catch (NumberFormatException e) {
                return "Not a valid number";
            }
        }
        return "Not a valid number";
    }

    private static String text(ColumnShape column, Object value) {
        if (!(value instanceof CharSequence) && !(value instanceof Number) && !(value instanceof Boolean)) {
            return null;
        }
        String text = value.toString();
        int limit = column.maxLength().orElse(Integer.MAX_VALUE);
        // a string is at least as many characters as it has code points: most need no counting
        return text.length() > limit && text.codePointCount(0, text.length()) > limit
                ? "Too long for VARCHAR(" + limit + ")" : null;
    }

    private static String bool(Object value) {
        if (value instanceof Boolean || value instanceof Number) {
            return null;
        }
        return BOOLEAN_WORDS.contains(value.toString().strip().toLowerCase(Locale.ROOT)) ? null
                : "Not a valid boolean";
    }

    private static String temporal(Object value, boolean date) {
        if (value instanceof TemporalAccessor || value instanceof java.util.Date || value instanceof Number) {
            return null;
        }
        String text = value.toString().strip();
        if (isInteger(text) || isPipelineTimestamp(text)) {
            return null; // an epoch number (seconds, milliseconds, ...), or the pipeline's own UTC format
        }
        try {
            if (text.length() == 10) {
                LocalDate.parse(text);
            } else {
                ISO_TIMESTAMP.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
            }
            return null;
        } catch (DateTimeParseException e) {
            return date ? "Not a valid date" : "Not a valid timestamp";
        }
    }

    private static boolean isInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}, as {@code change.Timestamps.utc} writes it, checked without parsing. */
    private static boolean isPipelineTimestamp(String text) {
        if (text.length() != 27 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.'
                || text.charAt(26) != 'Z') {
            return false;
        }
        int month = twoDigits(text, 5);
        int day = twoDigits(text, 8);
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 && twoDigits(text, 11) <= 23
                && twoDigits(text, 14) <= 59 && twoDigits(text, 17) <= 59 && digits(text, 0, 4) && digits(text, 20, 26);
    }

    private static int twoDigits(String text, int at) {
        return digits(text, at, at + 2) ? (text.charAt(at) - '0') * 10 + (text.charAt(at + 1) - '0') : 99;
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String time(Object value) {
        if (value instanceof LocalTime || value instanceof Number) {
            return null;
        }
        try {
            DateTimeFormatter.ISO_TIME.parse(value.toString().strip());
            return null;
        } catch (DateTimeParseException e) {
            return "Not a valid time";
        }
    }

    private static String binary(ColumnShape column, Object value) {
        int bytes;
        if (value instanceof byte[] b) {
            bytes = b.length;
        } else {
            try {
                bytes = HexFormat.of().parseHex(value.toString().strip()).length;
            } catch (IllegalArgumentException e) {
                return "Not valid hex";
            }
        }
        int limit = column.maxLength().orElse(Integer.MAX_VALUE);
        return bytes > limit ? "Too long for BINARY(" + limit + ")" : null;
    }

    /** A semi-structured value holds at most the architecture's limit, counted as JSON text. */
    private String semiStructured(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return null;
        }
        long size = RowSizes.estimate(value);
        return size > maxSemiStructuredChars ? "Too long for a semi-structured value (" + maxSemiStructuredChars
                / (1024 * 1024) + " MB), about " + size + " characters" : null;
    }

    private static boolean jsonText(Object value, char opening) {
        return value instanceof String s && !s.isBlank() && s.strip().charAt(0) == opening;
    }

    private static String shortened(Object value) {
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            long size = RowSizes.estimate(value);
            if (size > 1000) {
                return (value instanceof Map<?, ?> ? "an object" : "an array") + " of about " + size + " characters";
            }
        }
        String text = value instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(value);
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
