package dev.snowpipecdc.warehouse.tables;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The captured tables, from the settings: {@code cdc.source.tables} names them ({@code schema.table, ...}); for
 * each, the columns and primary key come from the source catalog unless {@code cdc.tables.<table>.columns}
 * ({@code name TYPE, ...}, Snowflake types) and {@code cdc.tables.<table>.key} give them, and
 * {@code cdc.tables.<table>.tracked} narrows the columns whose changes make a new SCD Type 2 version.
 */
public final class TableSettings {

    private static final Logger LOG = LoggerFactory.getLogger(TableSettings.class);

    public static final String TABLES = "cdc.source.tables";
    public static final String PREFIX = "cdc.tables.";
    /** The value of {@code cdc.tables.<table>.key} for a table without a key. */
    public static final String NO_KEY = "none";

    private final Function<String, Optional<String>> settings;
    private final Supplier<SourceCatalog> catalog;

    /**
     * @param settings a setting by key, empty when not set
     * @param catalog  the source catalog, asked only for tables whose columns are not configured
     */
    public TableSettings(Function<String, Optional<String>> settings, Supplier<SourceCatalog> catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    public List<TableSpec> tables() throws SQLException {
        String configured = settings.apply(TABLES).orElseThrow(() ->
                new IllegalArgumentException(TABLES + " is not set: name the tables to capture (schema.table, ...)"));
        List<TableSpec> tables = new ArrayList<>();
        Map<String, String> byWarehouseName = new HashMap<>();
        for (String[] parts : sourceTables(configured)) {
            String qualified = parts[0] + "." + parts[1];
            TableSpec table = table(parts[0], parts[1]);
            String other = byWarehouseName.put(table.name(), qualified);
            if (other != null) {
                throw new IllegalArgumentException("Source tables " + other + " and " + qualified
                        + " would both be warehouse table " + table.name());
            }
            tables.add(table);
        }
        return tables;
    }

    /** The entries of {@value #TABLES}: schema and table of each, checked to be plain names. */
    public static List<String[]> sourceTables(String configured) {
        List<String[]> entries = new ArrayList<>();
        for (String entry : configured.split(",")) {
            String qualified = entry.strip();
            if (qualified.isEmpty()) {
                continue;
            }
            String[] parts = qualified.split("\\.", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException(TABLES + " entry '" + qualified + "' is not schema.table");
            }
            entries.add(new String[] {Identifiers.requireSimple(parts[0], "source schema"),
                    Identifiers.requireSimple(parts[1], "source table")});
        }
        return entries;
    }

    private TableSpec table(String schema, String name) throws SQLException {
        Optional<List<ColumnSpec>> columns = setting(name, "columns").map(TableSettings::columns);
        // "none": a table without a key (append-only typed changes), also when the catalog knows one
        Optional<List<String>> key = setting(name, "key")
                .map(k -> k.strip().equalsIgnoreCase(NO_KEY) ? List.<String>of() : names(k));
        TableSpec table;
        if (columns.isPresent()) {
            table = TableSpec.trackingAll(schema, name, columns.get(), key.orElseThrow(() ->
                    new IllegalArgumentException(PREFIX + name + ".columns is set, so " + PREFIX + name
                            + ".key must be too (the key columns, or none for a table without a key)")));
        } else {
            SourceCatalog.Described described = catalog.get().describe(schema, name);
            table = TableSpec.trackingAll(schema, name, described.columns(), key.orElse(described.key()));
            if (!table.hasKey() && !described.replicaIdentityFull()) {
                // PostgreSQL refuses UPDATE and DELETE on a published table it cannot identify rows of
                LOG.warn("Source table {}.{} has neither a primary key nor a REPLICA IDENTITY: while it is"
                        + " captured, PostgreSQL refuses UPDATE and DELETE on it; if it gets any, run ALTER TABLE"
                        + " {}.{} REPLICA IDENTITY FULL", schema, name, schema, name);
            }
        }
        if (!table.hasKey()) {
            LOG.info("Table {}.{} has no primary key: its changes land in RAW_CHANGES and, typed and append-only, in"
                    + " STAGING_{}; set {}{}.key for its current state and SCD Type 2 history", schema, name,
                    table.name(), PREFIX, name);
        }
        Optional<List<String>> tracked = setting(name, "tracked").map(TableSettings::names);
        if (tracked.isPresent() && tracked.get().isEmpty()) {
            throw new IllegalArgumentException(PREFIX + name + ".tracked names no column: leave it out to track"
                    + " every non-key column");
        }
        return tracked.isPresent() ? table.withTracked(tracked.get()) : table;
    }

    private Optional<String> setting(String table, String what) {
        return settings.apply(PREFIX + table + "." + what);
    }

    /** {@code id NUMBER(10,0), name VARCHAR(255)}: commas inside parentheses belong to the type. */
    static List<ColumnSpec> columns(String text) {
        List<ColumnSpec> columns = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char ch = i < text.length() ? text.charAt(i) : ',';
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                String definition = text.substring(start, i).strip();
                start = i + 1;
                if (definition.isEmpty()) {
                    continue;
                }
                String[] nameAndType = definition.split("\\s+", 2);
                if (nameAndType.length != 2) {
                    throw new IllegalArgumentException("Column '" + definition + "' needs a name and a type");
                }
                columns.add(ColumnSpec.of(nameAndType[0], nameAndType[1].strip()));
            }
        }
        return columns;
    }

    private static List<String> names(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(name -> Identifiers.warehouseName(name, "column")).toList();
    }
}
