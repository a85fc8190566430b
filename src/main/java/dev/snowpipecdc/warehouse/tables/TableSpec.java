package dev.snowpipecdc.warehouse.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A captured source table as the warehouse sees it: where it comes from, its warehouse name, its columns, its
 * primary key and the columns whose changes make a new SCD Type 2 version ({@code tracked}, by default every
 * column that is not part of the key). Column lists hold warehouse names.
 */
public record TableSpec(String sourceSchema, String sourceTable, String name, List<ColumnSpec> columns,
                        List<String> key, List<String> tracked) {

    /** Columns the rendered objects add or use themselves (sql/templates/table.sql). */
    private static final Set<String> RESERVED = Set.of("_OP", "_TX_POSITION", "_OFFSET_TOKEN", "_SOURCE_LSN", "_COMMITTED_AT",
            "_TX_ID", "VALID_FROM", "VALID_TO", "IS_CURRENT", "IS_DELETED", "_CLOSED_BY_POSITION", "_IS_DELETE",
            "_AT", "_POS", "_SEED_KEY", "_WAS_CLOSED_BY", "_MERGE_KEY", "_ACTION", "_REDONE_KEY", "_FROM_POSITION",
            "_LAST_TOKEN", "_APPLIED_AT");

    public TableSpec {
        Identifiers.requireSimple(sourceSchema, "source schema");
        Identifiers.requireSimple(sourceTable, "source table");
        Identifiers.requireSimple(name, "table");
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        tracked = List.copyOf(tracked);
        String where = sourceSchema + "." + sourceTable;
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Table " + where + " has no columns");
        }
        List<String> names = columns.stream().map(ColumnSpec::name).toList();
        for (String column : names) {
            if (RESERVED.contains(column) || column.startsWith("_PREV_") || column.startsWith("_NEXT_")
                    || column.equals(name + "_SCD_KEY")) {
                throw new IllegalArgumentException("Column " + column + " of " + where + " has a name the warehouse"
                        + " objects use themselves; rename it in cdc.tables." + sourceTable + ".columns");
            }
            if (names.indexOf(column) != names.lastIndexOf(column)) {
                throw new IllegalArgumentException("Table " + where + " has two columns named " + column);
            }
        }
        if (key.isEmpty() && !tracked.isEmpty()) {
            throw new IllegalArgumentException("Table " + where + " has no key, so nothing to track versions of: set"
                    + " cdc.tables." + sourceTable + ".key to the columns that identify a row");
        }
        for (String column : key) {
            if (!names.contains(column)) {
                throw new IllegalArgumentException("Key column " + column + " is not a column of " + where);
            }
        }
        for (String column : tracked) {
            if (!names.contains(column)) {
                throw new IllegalArgumentException("Tracked column " + column + " is not a column of " + where);
            }
            if (key.contains(column)) {
                throw new IllegalArgumentException("Tracked column " + column + " of " + where + " is part of the"
                        + " key: a key change is a delete and an insert, not a new version");
            }
        }
    }

    /** Tracked columns defaulted to every non-key column (none without a key: no history is kept then). */
    public static TableSpec trackingAll(String sourceSchema, String sourceTable, List<ColumnSpec> columns,
                                        List<String> key) {
        List<String> tracked = new ArrayList<>();
        columns.stream().map(ColumnSpec::name).filter(c -> !key.isEmpty() && !key.contains(c)).forEach(tracked::add);
        return new TableSpec(sourceSchema, sourceTable, Identifiers.warehouseName(sourceTable, "source table"), columns, key,
                tracked);
    }

    public TableSpec withKey(List<String> newKey) {
        return trackingAll(sourceSchema, sourceTable, columns, newKey);
    }

    public TableSpec withTracked(List<String> newTracked) {
        return new TableSpec(sourceSchema, sourceTable, name, columns, key, newTracked);
    }

    /**
     * A table with a key gets a current state and an SCD Type 2 history; one without (a log table, say) only its
     * append-only typed changes (sql/templates/table_without_key.sql).
     */
    public boolean hasKey() {
        return !key.isEmpty();
    }

    public boolean isKey(ColumnSpec column) {
        return key.contains(column.name());
    }

    public String qualifiedSourceName() {
        return sourceSchema + "." + sourceTable;
    }
}
