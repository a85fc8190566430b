package dev.snowpipecdc.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.snowpipecdc.warehouse.tables.TablePlaceholders;
import dev.snowpipecdc.warehouse.tables.TableSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the pipeline puts into the warehouse, rendered from sql/ for the captured tables, in the order it
 * is applied: the versioned scripts, then each table's objects (templates/table.sql, as {@code R__table_<T>}),
 * then the repeatable scripts (which may use those objects, e.g. CUSTOMER_METRICS; a script with a line
 * {@code -- requires tables: CUSTOMERS, ORDERS} is left out unless those tables are captured). Also the quality and
 * monitoring queries, per table where they use a table's placeholders.
 */
public final class WarehouseObjects {

    /** Names the rendered scripts of a table carry in the schema history. */
    public static final String TABLE_SCRIPT_PREFIX = "R__table_";

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseObjects.class);
    private static final Pattern REQUIRES = Pattern.compile("(?m)^--\\s*requires tables:\\s*(.+)$");
    private static final Pattern WAREHOUSE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Pattern SCHEDULE = Pattern.compile("\\d+ (?:SECOND|SECONDS|MINUTE|MINUTES|HOUR|HOURS)"
            + "|USING CRON [0-9*/,\\- A-Za-z_]+", Pattern.CASE_INSENSITIVE);

    /**
     * @param warehouse    the virtual warehouse that runs tasks and refreshes dynamic tables
     * @param taskSchedule how often each table's parse task looks for new changes, e.g. {@code 1 MINUTE}
     */
    public record Settings(String warehouse, String taskSchedule) {
        public Settings {
            if (!WAREHOUSE_NAME.matcher(warehouse).matches()) {
                throw new IllegalArgumentException("Unsupported warehouse name '" + warehouse + "'");
            }
            if (!SCHEDULE.matcher(taskSchedule).matches()) {
                throw new IllegalArgumentException("Unsupported task schedule '" + taskSchedule
                        + "': use 'N SECOND', 'N MINUTE', 'N HOUR' or 'USING CRON <expression> <time zone>'");
            }
        }

        SqlTemplate.Values values() {
            Map<String, String> values = Map.of("WAREHOUSE", warehouse, "WAREHOUSE_CLAUSE", "WAREHOUSE = " + warehouse,
                    "SCHEDULE", taskSchedule);
            return (name, args) -> args.isEmpty() ? Optional.ofNullable(values.get(name)) : Optional.empty();
        }
    }

    private final SqlFiles files;
    private final List<TableSpec> tables;
    private final Settings settings;

    public WarehouseObjects(SqlFiles files, List<TableSpec> tables, Settings settings) {
        this.files = files;
        this.tables = List.copyOf(tables);
        this.settings = settings;
    }

    public List<TableSpec> tables() {
        return tables;
    }

    /** The scripts in the order they are applied. */
    public List<MigrationScript> scripts() {
        List<MigrationScript> scripts = new ArrayList<>();
        for (SqlFile file : files.versioned()) {
            scripts.add(MigrationScript.versioned(file, render(file, settings.values())));
        }
        for (TableSpec table : tables) {
            scripts.add(MigrationScript.repeatable(TABLE_SCRIPT_PREFIX + table.name(),
                    render(files.tableTemplate(table.hasKey()), forTable(table))));
        }
        for (SqlFile file : files.repeatable()) {
            List<String> missing = missingTables(file);
            if (missing.isEmpty()) {
                scripts.add(MigrationScript.repeatable(file.fileName(), render(file, settings.values())));
            } else {
                LOG.info("Not applying {}: it needs tables {} that are not captured", file.fileName(), missing);
            }
        }
        return scripts;
    }

    /** The tables a script names in a {@code -- requires tables: A, B} line that are not captured with a key. */
    private List<String> missingTables(SqlFile file) {
        Matcher m = REQUIRES.matcher(file.text());
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            for (String name : m.group(1).split(",")) {
                String table = name.strip().toUpperCase(Locale.ROOT);
                // a table without a key has no current-state table to use
                if (!table.isEmpty() && tablesWithKey().stream().noneMatch(t -> t.name().equals(table))) {
                    missing.add(table);
                }
            }
        }
        return missing;
    }

    /**
     * Quality checks: each returns a row per violation (CHECK_NAME, TABLE_NAME, KEY_VALUE, DETAIL). They check
     * current states and histories, so tables without a key have none.
     */
    public List<NamedQuery> quality() {
        return queries(files.quality(), tablesWithKey());
    }

    /** Monitoring queries: each returns a row per object it watches. */
    public List<NamedQuery> monitoring() {
        return queries(files.monitoring(), tables);
    }

    /** The tables with a current state and history. */
    public List<TableSpec> tablesWithKey() {
        return tables.stream().filter(TableSpec::hasKey).toList();
    }

    private List<NamedQuery> queries(List<SqlFile> queryFiles, List<TableSpec> tables) {
        List<NamedQuery> queries = new ArrayList<>();
        for (SqlFile file : queryFiles) {
            boolean perTable = SqlTemplate.names(file.text()).stream()
                    .anyMatch(name -> settings.values().value(name, List.of()).isEmpty());
            if (perTable) {
                for (TableSpec table : tables) {
                    queries.add(new NamedQuery(file.baseName(), Optional.of(table.name()),
                            render(file, forTable(table))));
                }
            } else {
                queries.add(new NamedQuery(file.baseName(), Optional.empty(), render(file, settings.values())));
            }
        }
        return queries;
    }

    private SqlTemplate.Values forTable(TableSpec table) {
        return new TablePlaceholders(table).orElse(settings.values());
    }

    private static String render(SqlFile file, SqlTemplate.Values values) {
        return SqlTemplate.render(file.text(), values, file.path());
    }
}
