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
 *   <li>COLUMN_DEFINITIONS: one {@code NAME TYPE} line per column, key columns NOT NULL</li>
 *   <li>ADD_COLUMNS:table: ALTER TABLE ... ADD COLUMN IF NOT EXISTS per column, so a column added to the
 *       source (or the configuration) appears in tables that already exist</li>
 *   <li>COLUMNS[:prefix], KEYS[:prefix], TRACKED</li>
 *   <li>KEYS_JOIN:a:b: {@code a.K1 = b.K1 AND ...}</li>
 *   <li>KEY_TEXT[:prefix]: the key as one string, for reports</li>
 *   <li>PARSED_COLUMNS: the typed values from a RAW_CHANGES row (keys of a delete from BEFORE)</li>
 *   <li>ASSIGNMENTS:alias: {@code ,\n X = alias.X} for every non-key column</li>
 *   <li>TRACKED_PREVIOUS:alias: the previous state's tracked values in the key's chain, as {@code _PREV_X}</li>
 *   <li>TRACKED_UNCHANGED: NULL-safe "no tracked column differs from {@code _PREV_X}"</li>
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
            case "ADD_COLUMNS" -> columns().map(c -> "ALTER TABLE " + required(args, name)
                    + " ADD COLUMN IF NOT EXISTS " + c.sqlName() + " " + c.type() + ";").collect(Collectors.joining("\n"));
            case "COLUMNS" -> list(columns().map(ColumnSpec::name), prefix);
            case "KEYS" -> list(table.key().stream(), prefix);
            case "TRACKED" -> table.tracked().isEmpty() ? "none" : String.join(", ", table.tracked());
            case "KEYS_JOIN" -> table.key().stream().map(Identifiers::sql)
                    .map(k -> arg(args, 0, name) + "." + k + " = " + arg(args, 1, name) + "." + k)
                    .collect(Collectors.joining(" AND "));
            case "KEY_TEXT" -> table.key().stream().map(k -> "TO_VARCHAR(" + prefix + Identifiers.sql(k) + ")")
                    .collect(Collectors.joining(" || '|' || "));
            case "PARSED_COLUMNS" -> columns().map(this::parsed).collect(Collectors.joining(",\n       "));
            case "ASSIGNMENTS" -> columns().filter(c -> !table.isKey(c))
                    .map(c -> ",\n" + INDENT + INDENT + c.sqlName() + " = " + required(args, name) + "." + c.sqlName())
                    .collect(Collectors.joining());
            case "TRACKED_PREVIOUS" -> table.tracked().isEmpty() ? "NULL AS _PREV_NONE"
                    : table.tracked().stream().map(t -> "LAG(" + required(args, name) + "." + Identifiers.sql(t)
                            + ") OVER (PARTITION BY " + list(table.key().stream(), required(args, name) + ".")
                            + " ORDER BY " + required(args, name) + "._POS) AS _PREV_" + t)
                    .collect(Collectors.joining(",\n" + INDENT.repeat(3) + "   "));
            case "TRACKED_UNCHANGED" -> table.tracked().isEmpty() ? "TRUE"
                    : table.tracked().stream().map(t -> "EQUAL_NULL(" + Identifiers.sql(t) + ", _PREV_" + t + ")")
                    .collect(Collectors.joining(" AND "));
            default -> null;
        };
    }

    /** A column's typed value from a landed change; a delete has only BEFORE, which holds at least the key. */
    private String parsed(ColumnSpec column) {
        String cast = column.isVariant() ? "" : "::" + column.type();
        String after = "AFTER:\"" + column.sourceName() + "\"" + cast;
        if (!table.isKey(column)) {
            return after;
        }
        return "IFF(OPERATION = 'd', BEFORE:\"" + column.sourceName() + "\"" + cast + ", " + after + ")";
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
