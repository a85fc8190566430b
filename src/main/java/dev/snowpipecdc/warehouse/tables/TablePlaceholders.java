package dev.snowpipecdc.warehouse.tables;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.snowpipecdc.warehouse.SqlTemplate;

/**
 * The placeholders of the per-table SQL (sql/templates/table.sql, the quality and monitoring queries) for one
 * table. An optional argument is a prefix (an alias with its dot): {@code {{COLUMNS:b.}}} is {@code b.ID, b.NAME}.
 * <ul>
 *   <li>TABLE, SOURCE_SCHEMA, SOURCE_TABLE</li>
 *   <li>COLUMN_DEFINITIONS: one {@code NAME TYPE} line per column, key columns NOT NULL; KEY_DEFINITIONS: the
 *       key columns only</li>
 *   <li>ADD_COLUMNS:table: ALTER TABLE ... ADD COLUMN IF NOT EXISTS per column, so a column added to the
 *       source (or the configuration) appears in tables that already exist</li>
 *   <li>COLUMNS[:prefix], KEYS[:prefix], TRACKED</li>
 *   <li>WITH_KEY:text: the text for a table with a key, nothing for one without</li>
 *   <li>KEYS_JOIN:a:b: {@code a.K1 = b.K1 AND ...}</li>
 *   <li>KEY_TEXT[:prefix]: the key as one string, for reports</li>
 *   <li>PARSED_COLUMNS: the typed values from a RAW_CHANGES row (keys of a delete from BEFORE); PARSED_KEYS: the
 *       key columns' only, in key order (as KEYS)</li>
 *   <li>PARSE_FAILURES: the columns of a RAW_CHANGES row whose values do not fit their types, or ''</li>
 *   <li>ASSIGNMENTS:alias: {@code ,\n X = alias.X} for every non-key column</li>
 *   <li>TRACKED_PREVIOUS:alias: the previous state's tracked values in the key's chain, as {@code _PREV_X}</li>
 *   <li>TRACKED_UNCHANGED: NULL-safe "no tracked column differs from {@code _PREV_X}"; TRACKED_MATCH:a:b:
 *       NULL-safe "a and b have the same tracked values"</li>
 * </ul>
 */
public final class TablePlaceholders implements SqlTemplate.Values {

    private static final String INDENT = "    ";

    private final TableSpec table;

    public TablePlaceholders(TableSpec table) {
        this.table = table;
    }

    @Override
    public Optional<String> value(String name, List<String> args) {
        return Optional.ofNullable(text(name, args));
    }

    private String text(String name, List<String> args) {
        String prefix = args.isEmpty() ? "" : args.get(0);
        return switch (name) {
            case "TABLE" -> table.name();
            case "SOURCE_SCHEMA" -> table.sourceSchema();
            case "SOURCE_TABLE" -> table.sourceTable();
            case "COLUMN_DEFINITIONS" -> columns().map(c -> INDENT + c.sqlName() + " " + c.type()
                    + (table.isKey(c) ? " NOT NULL" : "")).collect(Collectors.joining(",\n"));
            case "KEY_DEFINITIONS" -> columns().filter(table::isKey).map(c -> INDENT + c.sqlName() + " " + c.type()
                    + " NOT NULL").collect(Collectors.joining(",\n"));
            case "ADD_COLUMNS" -> columns().map(c -> "ALTER TABLE " + required(args, name)
                    + " ADD COLUMN IF NOT EXISTS " + c.sqlName() + " " + c.type() + ";")
                    .collect(Collectors.joining("\n"));
            case "COLUMNS" -> list(columns().map(ColumnSpec::name), prefix);
            case "KEYS" -> list(table.key().stream(), prefix);
            case "TRACKED" -> table.tracked().isEmpty() ? "none" : String.join(", ", table.tracked());
            case "WITH_KEY" -> table.hasKey() ? String.join(":", args) : "";
            case "KEYS_JOIN" -> table.key().stream().map(Identifiers::sql)
                    .map(k -> arg(args, 0, name) + "." + k + " = " + arg(args, 1, name) + "." + k)
                    .collect(Collectors.joining(" AND "));
            case "KEY_TEXT" -> table.key().stream().map(k -> "TO_VARCHAR(" + prefix + Identifiers.sql(k) + ")")
                    .collect(Collectors.joining(" || '|' || "));
            case "PARSED_COLUMNS" -> columns().map(this::parsed).collect(Collectors.joining(",\n           "));
            // in key order, as KEYS: they are matched by position in a UNION with KEYS
            case "PARSED_KEYS" -> table.key().stream().map(this::column).map(this::parsed)
                    .collect(Collectors.joining(", "));
            case "PARSE_FAILURES" -> parseFailures();
            case "ASSIGNMENTS" -> columns().filter(c -> !table.isKey(c))
                    .map(c -> ",\n" + INDENT + INDENT + c.sqlName() + " = " + required(args, name) + "." + c.sqlName())
                    .collect(Collectors.joining());
            case "TRACKED_PREVIOUS" -> table.tracked().isEmpty() ? "NULL AS _PREV_NONE"
                    : table.tracked().stream().map(t -> "LAG(" + required(args, name) + "." + Identifiers.sql(t)
                            + ") OVER (PARTITION BY " + list(table.key().stream(), required(args, name) + ".")
                            + " ORDER BY " + required(args, name) + "._POS) AS _PREV_" + t)
                    .collect(Collectors.joining(",\n" + INDENT.repeat(3) + "   "));
            case "TRACKED_MATCH" -> table.tracked().isEmpty() ? "TRUE" : table.tracked().stream().map(Identifiers::sql)
                    .map(t -> "EQUAL_NULL(" + arg(args, 0, name) + "." + t + ", " + arg(args, 1, name) + "." + t + ")")
                    .collect(Collectors.joining(" AND "));
            case "TRACKED_UNCHANGED" -> table.tracked().isEmpty() ? "TRUE"
                    : table.tracked().stream().map(t -> "EQUAL_NULL(" + Identifiers.sql(t) + ", _PREV_" + t + ")")
                    .collect(Collectors.joining(" AND "));
            default -> null;
        };
    }

    /**
     * A column's typed value from a landed change (a delete has only BEFORE, which holds at least the key). The
     * value is cast from its text with TRY_CAST, so that a value that does not fit is found (PARSE_FAILURES)
     * rather than failing the whole task; a JSON null in a VARIANT column becomes SQL NULL.
     */
    private String parsed(ColumnSpec column) {
        if (column.isVariant()) {
            return "STRIP_NULL_VALUE(" + (fromBefore(column) ? "IFF(OPERATION = 'd', " + path("BEFORE", column)
                    + ", " + path("AFTER", column) + ")" : path("AFTER", column)) + ")";
        }
        return "TRY_CAST(" + text(column) + " AS " + column.type() + ")";
    }

    /**
     * The columns of a landed change that do not fit their type (or a missing key), as text ending in ", ", or
     * the empty string when the change is fine.
     */
    private String parseFailures() {
        List<String> checks = columns().filter(c -> table.isKey(c) || !c.isVariant()).map(c -> {
            String bad = table.isKey(c)
                    ? (c.isVariant() ? text(c) + " IS NULL" : "TRY_CAST(" + text(c) + " AS " + c.type() + ") IS NULL")
                    : text(c) + " IS NOT NULL AND TRY_CAST(" + text(c) + " AS " + c.type() + ") IS NULL";
            return "IFF(" + bad + ", '" + c.name() + " " + c.type() + (table.isKey(c) ? " key" : "") + ", ', '')";
        }).toList();
        return checks.isEmpty() ? "''" : "(" + String.join(" || ", checks) + ")";
    }

    /**
     * The column's value from the change as text: JSON strings as they are, numbers and booleans spelled out. A
     * delete's values come from BEFORE: only the key's where there is a key (the history needs no more), every
     * column's in a table without one (its deletes are rows of their own).
     */
    private String text(ColumnSpec column) {
        String after = path("AFTER", column) + "::VARCHAR";
        return fromBefore(column) ? "IFF(OPERATION = 'd', " + path("BEFORE", column) + "::VARCHAR, " + after + ")"
                : after;
    }

    private boolean fromBefore(ColumnSpec column) {
        return table.isKey(column) || !table.hasKey();
    }

    private static String path(String object, ColumnSpec column) {
        return object + ":\"" + column.sourceName() + "\"";
    }

    private ColumnSpec column(String name) {
        return columns().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private Stream<ColumnSpec> columns() {
        return table.columns().stream();
    }

    /** Column names (warehouse names, quoted where they are keywords), each with the prefix. */
    private static String list(Stream<String> names, String prefix) {
        Function<String, String> qualify = n -> prefix + Identifiers.sql(n);
        return names.map(qualify).collect(Collectors.joining(", "));
    }

    private static String required(List<String> args, String name) {
        return arg(args, 0, name);
    }

    private static String arg(List<String> args, int index, String name) {
        if (args.size() <= index || args.get(index).isBlank()) {
            throw new IllegalArgumentException("Placeholder " + name + " needs " + (index + 1) + " argument(s)");
        }
        return args.get(index);
    }
}
