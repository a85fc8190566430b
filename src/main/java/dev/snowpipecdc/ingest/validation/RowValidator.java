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
import java.util.Optional;
import java.util.Set;

import dev.snowpipecdc.component.RowSizes;
import dev.snowpipecdc.ingest.RejectedRow;

/**
 * Checks rows against their table's columns before they are sent, as the classic SDK does and as Snowflake's Kafka
 * connector does with {@code snowflake.validation=client_side}: the high-performance architecture validates on the
 * server and only counts a row it refuses, so a row that would be refused is caught here, where it can still go to
 * the dead letters with its reason.
 *
 * <p>The rules are Snowflake's loading rules for JSON values, kept to what decides whether a value fits: a NOT NULL
 * column needs a value; a NUMBER takes numbers and numeric strings with at most precision − scale integer digits
 * (more decimals are rounded, as Snowflake does); TEXT at most its length in characters; BOOLEAN true/false and
 * Snowflake's boolean words; dates and times ISO-8601 text, epoch numbers or java.time values; OBJECT a map or JSON
 * object text, ARRAY a list or JSON array text; VARIANT anything; a semi-structured value at most 16 MB. Keys that are no column are left to the server
 * (the default pipe matches by column name). A type not listed here is not checked.
 */
public final class RowValidator {

    public static final String NOT_NULL = "NULL_IN_NOT_NULL_COLUMN";
    public static final String INVALID_VALUE = "INVALID_VALUE";
    public static final String OUT_OF_RANGE = "VALUE_OUT_OF_RANGE";

    private static final Set<String> TRUE_WORDS = Set.of("true", "t", "yes", "y", "on", "1");
    private static final Set<String> FALSE_WORDS = Set.of("false", "f", "no", "n", "off", "0");
    /** ISO-8601 date and time, 'T' or a space between, fractions and an offset optional. */
    private static final DateTimeFormatter ISO_TIMESTAMP = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd().toFormatter(Locale.ROOT);

    private static final long MAX_SEMI_STRUCTURED_CHARS = 16L * 1024 * 1024;

    private final List<ColumnShape> columns;

    public RowValidator(List<ColumnShape> columns) {
        this.columns = List.copyOf(columns);
    }

    /** The rows that do not fit, with their index in {@code rows} and the first reason, in row order. */
    public List<RejectedRow> validate(List<Map<String, Object>> rows) {
        List<RejectedRow> rejected = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            for (ColumnShape column : columns) {
                Optional<RejectedRow> refused = check(i, row, column);
                if (refused.isPresent()) {
                    rejected.add(refused.get());
                    break;
                }
            }
        }
        return rejected;
    }

    private static Optional<RejectedRow> check(int index, Map<String, Object> row, ColumnShape column) {
        Object value = row.get(column.name());
        if (value == null) {
            return column.nullable() ? Optional.empty() : Optional.of(new RejectedRow(index, row, NOT_NULL,
                    "column " + column.name() + " is NOT NULL and the row has no value for it"));
        }
        String problem = problem(column, value);
        if (problem == null) {
            return Optional.empty();
        }
        String code = problem.startsWith("Out of range") || problem.startsWith("Too long") ? OUT_OF_RANGE
                : INVALID_VALUE;
        return Optional.of(new RejectedRow(index, row, code, "column " + column.name() + " (" + type(column)
                + "): " + problem + ": '" + shortened(value) + "'"));
    }

    /** Why the value does not fit the column, or null when it does. */
    private static String problem(ColumnShape column, Object value) {
        return switch (column.dataType().toUpperCase(Locale.ROOT)) {
            case "NUMBER", "DECIMAL", "NUMERIC", "INT", "INTEGER", "BIGINT", "SMALLINT", "FIXED" -> number(column,
                    value);
            case "FLOAT", "DOUBLE", "REAL", "DOUBLE PRECISION" -> real(value);
            case "TEXT", "VARCHAR", "STRING", "CHAR", "CHARACTER" -> text(column, value);
            case "BOOLEAN" -> bool(value);
            case "DATE" -> temporal(value, true);
            case "TIME" -> time(value);
            case "TIMESTAMP_LTZ", "TIMESTAMP_NTZ", "TIMESTAMP_TZ", "TIMESTAMP", "DATETIME" -> temporal(value, false);
            case "VARIANT" -> semiStructured(value);
            case "OBJECT" -> value instanceof Map<?, ?> || jsonText(value, '{') ? semiStructured(value)
                    : "Not an object";
            case "ARRAY" -> value instanceof Collection<?> || value.getClass().isArray() || jsonText(value, '[')
                    ? semiStructured(value) : "Not an array";
            case "BINARY", "VARBINARY" -> binary(column, value);
            default -> null;
        };
    }

    private static String number(ColumnShape column, Object value) {
        BigDecimal number;
        try {
            number = value instanceof BigDecimal d ? d : value instanceof Number n ? new BigDecimal(n.toString())
                    : value instanceof String s ? new BigDecimal(s.strip()) : null;
        } catch (NumberFormatException e) {
            number = null;
        }
        if (number == null) {
            return "Not a valid number";
        }
        int precision = column.precision().orElse(38);
        int scale = column.scale().orElse(0);
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
            if (Set.of("nan", "inf", "-inf", "infinity", "-infinity").contains(t.toLowerCase(Locale.ROOT))) {
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
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            return null;
        }
        String text = value.toString();
        int limit = column.maxLength().orElse(Integer.MAX_VALUE);
        return text.codePointCount(0, text.length()) > limit ? "Too long for VARCHAR(" + limit + ")" : null;
    }

    private static String bool(Object value) {
        if (value instanceof Boolean || value instanceof Number) {
            return null;
        }
        String word = value.toString().strip().toLowerCase(Locale.ROOT);
        return TRUE_WORDS.contains(word) || FALSE_WORDS.contains(word) ? null : "Not a valid boolean";
    }

    private static String temporal(Object value, boolean date) {
        if (value instanceof TemporalAccessor || value instanceof java.util.Date || value instanceof Number) {
            return null;
        }
        String text = value.toString().strip();
        if (text.matches("-?\\d+")) {
            return null; // seconds, milliseconds, ... since the epoch
        }
        try {
            if (date && text.length() == 10) {
                LocalDate.parse(text);
            } else {
                ISO_TIMESTAMP.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
            }
            return null;
        } catch (DateTimeParseException e) {
            return date ? "Not a valid date" : "Not a valid timestamp";
        }
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
            String hex = value.toString().strip();
            try {
                bytes = HexFormat.of().parseHex(hex).length;
            } catch (IllegalArgumentException e) {
                return "Not valid hex";
            }
        }
        int limit = column.maxLength().orElse(Integer.MAX_VALUE);
        return bytes > limit ? "Too long for BINARY(" + limit + ")" : null;
    }

    /** A VARIANT, OBJECT or ARRAY value holds at most 16 MB (Snowflake's limit for a semi-structured value). */
    private static String semiStructured(Object value) {
        return RowSizes.estimate(value) > MAX_SEMI_STRUCTURED_CHARS
                ? "Too long for a semi-structured value (16 MB), about " + RowSizes.estimate(value) + " characters"
                : null;
    }

    private static boolean jsonText(Object value, char opening) {
        return value instanceof String s && !s.isBlank() && s.strip().charAt(0) == opening;
    }

    private static String type(ColumnShape column) {
        return column.dataType().toUpperCase(Locale.ROOT);
    }

    private static String shortened(Object value) {
        String text = value instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(value);
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
