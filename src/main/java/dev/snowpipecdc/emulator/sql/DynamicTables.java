package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.Commands.status;
import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.lit;
import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.q;
import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.timestamp;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.snowpipecdc.emulator.sql.EmulatorCatalog.ObjectName;
import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;

/**
 * Dynamic tables, refreshed in full: CREATE [OR REPLACE] DYNAMIC TABLE ... TARGET_LAG = '...' | DOWNSTREAM
 * WAREHOUSE = ... AS query; ALTER DYNAMIC TABLE ... REFRESH | SUSPEND | RESUME | SET TARGET_LAG; DROP. A refresh
 * replaces the rows in one transaction and records DATA_TIMESTAMP (when the query read its inputs) in
 * DYNAMIC_TABLE_REFRESH_HISTORY. A table with DOWNSTREAM lag is refreshed only before a dynamic table that reads
 * it is.
 */
final class DynamicTables {

    static final String RUNNING = "RUNNING";
    static final String SUSPENDED = "SUSPENDED";

    /**
     * A dynamic table ({@code lag} empty for DOWNSTREAM); no data timestamp before its first refresh
     * (INITIALIZE = ON_SCHEDULE). {@code refreshMode}
     * is the mode Snowflake would use (INCREMENTAL or FULL); the embedded warehouse recomputes the whole result on
     * every refresh, which gives the same rows.
     */
    record DynamicTableInfo(ObjectName name, Optional<Duration> lag, String lagText, String definition, String state,
                            Optional<Instant> dataTimestamp, Instant createdOn, String refreshMode) {
    }

    private DynamicTables() {
    }

    static Commands.Command create(TokenCursor c, boolean replace) throws SqlException {
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        List<String> name = c.name();
        String columns = null;
        if (c.acceptSymbol("(")) {
            List<String> names = new ArrayList<>();
            do {
                names.add(q(c.name().get(0)));
                while (!c.atEnd() && !c.peek().isSymbol(",") && !c.peek().isSymbol(")")) {
                    c.skip();
                }
            } while (c.acceptSymbol(","));
            c.expectSymbol(")");
            columns = String.join(", ", names);
        }
        String lag = null;
        String warehouse = null;
        String declaredMode = "AUTO";
        boolean onSchedule = false;
        while (!c.atEnd() && !c.peekWord("AS")) {
            if (c.peekWord("FROZEN") || c.peekWord("IMMUTABLE")) {
                throw SqlException.unsupported("FROZEN WHERE (immutability constraints) on dynamic tables", c.line(),
                        c.rest());
            }
            if (c.accept("CLUSTER", "BY")) {
                c.expectSymbol("(");
                while (!c.atEnd() && !c.acceptSymbol(")")) {
                    c.skip();
                }
                continue;
            }
            String option = c.word();
            c.expectSymbol("=");
            boolean quoted = c.peek() != null && c.peek().kind() == SqlToken.Kind.QUOTED_IDENTIFIER;
            String value = c.value();
            switch (option) {
                case "TARGET_LAG" -> lag = value;
                // a name: upper-cased unless quoted
                case "WAREHOUSE" -> warehouse = quoted ? value.substring(1, value.length() - 1)
                        : value.toUpperCase(Locale.ROOT);
                case "REFRESH_MODE" -> declaredMode = value.toUpperCase(Locale.ROOT);
                case "INITIALIZE" -> onSchedule = value.equalsIgnoreCase("ON_SCHEDULE");
                default -> {
                    // COMMENT, ...
                }
            }
        }
        c.expect("AS");
        String query = c.rest();
        if (lag == null) {
            throw new SqlException("Dynamic table " + String.join(".", name) + " needs TARGET_LAG", null);
        }
        requireSupportedContextFunctions(query);
        RefreshModes.RefreshMode mode = RefreshModes.resolve(declaredMode, query);
        boolean lazy = onSchedule;
        parseLag(lag);
        String definition = columns == null ? query : "SELECT * FROM (" + query + ") AS __dt(" + columns + ")";
        String lagText = lag;
        String wh = warehouse;
        return s -> {
            ObjectName table = s.resolve(name);
            boolean exists = find(s.connection(), table).isPresent();
            if (exists && ifNotExists) {
                return status(table.name() + " already exists, statement succeeded.");
            }
            if (exists && !replace) {
                throw new SqlException("Object '" + table.name() + "' already exists.", null);
            }
            if (!exists && EmulatorCatalog.tableExists(s.connection(), table) && !replace) {
                throw new SqlException("Object '" + table.name() + "' already exists as TABLE.", null);
            }
            s.run("DELETE FROM " + table.meta("DYNAMIC_TABLES") + " WHERE SCHEMA_NAME = " + lit(table.schema())
                    + " AND NAME = " + lit(table.name()));
            s.run("INSERT INTO " + table.meta("DYNAMIC_TABLES") + " (SCHEMA_NAME, NAME, TARGET_LAG, WAREHOUSE,"
                    + " DEFINITION, CREATED_ON, DATA_TIMESTAMP, SCHEDULING_STATE, REFRESH_MODE, REFRESH_MODE_REASON)"
                    + " VALUES (" + lit(table.schema()) + ", " + lit(table.name()) + ", " + lit(lagText) + ", "
                    + lit(wh) + ", " + lit(definition) + ", now(), NULL, " + lit(RUNNING) + ", " + lit(mode.mode()) + ", "
                    + lit(mode.reason()) + ")");
            // initialised on creation, as INITIALIZE = ON_CREATE (the default) does, or empty and unreadable until
            // its first scheduled refresh (ON_SCHEDULE); names in the definition resolve in the dynamic table's
            // schema, whoever refreshes it
            Instant started = Instant.now();
            s.inSchemaOf(table, () -> {
                String translated = SnowflakeSqlTranslator.translate(definition, s).sql();
                s.run("CREATE OR REPLACE TABLE " + table.sql() + " AS "
                        + (lazy ? "SELECT * FROM (\n" + translated + "\n) LIMIT 0" : translated));
                return null;
            });
            if (lazy) {
                s.host().scheduleChanged();
                return status("Table " + table.name() + " successfully created.");
            }
            s.run("UPDATE " + table.meta("DYNAMIC_TABLES") + " SET DATA_TIMESTAMP = " + timestamp(started)
                    + " WHERE SCHEMA_NAME = " + lit(table.schema()) + " AND NAME = " + lit(table.name()));
            recordRefresh(s, table, lagText, "SUCCEEDED", null, started, "REINITIALIZE", "CREATION");
            s.host().scheduleChanged();
            return status("Table " + table.name() + " successfully created.");
        };
    }

    static Commands.Command alter(TokenCursor c) throws SqlException {
        boolean ifExists = c.accept("IF", "EXISTS");
        List<String> name = c.name();
        String action = c.word();
        String newLag = null;
        if (action.equals("SET")) {
            if (c.peekWord("FROZEN") || c.peekWord("IMMUTABLE")) {
                throw SqlException.unsupported("FROZEN WHERE (immutability constraints) on dynamic tables",
                        c.line(), c.rest());
            }
            c.expect("TARGET_LAG");
            c.expectSymbol("=");
            newLag = c.value();
            parseLag(newLag);
        } else if (!Set.of("REFRESH", "SUSPEND", "RESUME").contains(action)) {
            throw SqlException.unsupported("ALTER DYNAMIC TABLE ... " + action, c.line(), c.rest());
        }
        String lag = newLag;
        return s -> {
            ObjectName table = s.resolve(name);
            Optional<DynamicTableInfo> dt = find(s.connection(), table);
            if (dt.isEmpty()) {
                if (ifExists) {
                    return status("Statement executed successfully.");
                }
                throw new SqlException("Dynamic table '" + table.qualified() + "' does not exist or not authorized.",
                        null);
            }
            switch (action) {
                case "REFRESH" -> refresh(s, dt.get(), "MANUAL");
                case "SUSPEND", "RESUME" -> s.run("UPDATE " + table.meta("DYNAMIC_TABLES") + " SET SCHEDULING_STATE = "
                        + lit(action.equals("RESUME") ? RUNNING : SUSPENDED) + " WHERE SCHEMA_NAME = "
                        + lit(table.schema()) + " AND NAME = " + lit(table.name()));
                default -> s.run("UPDATE " + table.meta("DYNAMIC_TABLES") + " SET TARGET_LAG = " + lit(lag)
                        + " WHERE SCHEMA_NAME = " + lit(table.schema()) + " AND NAME = " + lit(table.name()));
            }
            s.host().scheduleChanged();
            return status("Statement executed successfully.");
        };
    }

    static Commands.Command drop(TokenCursor c) throws SqlException {
        boolean ifExists = c.accept("IF", "EXISTS");
        List<String> name = c.name();
        return s -> {
            ObjectName table = s.resolve(name);
            if (find(s.connection(), table).isEmpty()) {
                if (ifExists) {
                    return status("Drop statement executed successfully (" + table.name() + " already dropped).");
                }
                throw new SqlException("Dynamic table '" + table.qualified() + "' does not exist or not authorized.",
                        null);
            }
            s.run("DROP TABLE IF EXISTS " + table.sql());
            s.run("DELETE FROM " + table.meta("DYNAMIC_TABLES") + " WHERE SCHEMA_NAME = " + lit(table.schema())
                    + " AND NAME = " + lit(table.name()));
            s.host().scheduleChanged();
            return status(table.name() + " successfully dropped.");
        };
    }

    /**
     * Refreshes a dynamic table in the session's transaction, after the DOWNSTREAM-lag dynamic tables it reads.
     * A failure is recorded and rethrown.
     */
    static void refresh(EmulatorSession s, DynamicTableInfo dt, String trigger) throws SQLException {
        refresh(s, dt, trigger, new HashSet<>());
    }

    private static void refresh(EmulatorSession s, DynamicTableInfo dt, String trigger, Set<ObjectName> done)
            throws SQLException {
        if (!done.add(dt.name())) {
            return;
        }
        for (DynamicTableInfo upstream : inputs(s.connection(), dt)) {
            if (upstream.lag().isEmpty()) {
                refresh(s, upstream, trigger, done);
            }
        }
        Instant started = Instant.now();
        try {
            s.inSchemaOf(dt.name(), () -> {
                String translated = SnowflakeSqlTranslator.translate(dt.definition(), s).sql();
                s.run("DELETE FROM " + dt.name().sql());
                s.run("INSERT INTO " + dt.name().sql() + " " + translated);
                return null;
            });
            s.run("UPDATE " + dt.name().meta("DYNAMIC_TABLES") + " SET DATA_TIMESTAMP = " + timestamp(started)
                    + " WHERE SCHEMA_NAME = " + lit(dt.name().schema()) + " AND NAME = " + lit(dt.name().name()));
            recordRefresh(s, dt.name(), dt.lagText(), "SUCCEEDED", null, started, dt.refreshMode(), trigger);
        } catch (SQLException e) {
            throw new SQLException("Refresh of dynamic table " + dt.name().qualified() + " failed: " + e.getMessage(),
                    e.getSQLState(), e.getErrorCode(), e);
        }
    }

    /** Records a failed refresh, outside the failed transaction. */
    static void recordFailure(EmulatorSession s, DynamicTableInfo dt, String trigger, Instant started, String error)
            throws SQLException {
        recordRefresh(s, dt.name(), dt.lagText(), "FAILED", error, started, dt.refreshMode(), trigger);
    }

    private static void recordRefresh(EmulatorSession s, ObjectName table, String lag, String state, String message,
                                      Instant started, String action, String trigger) throws SQLException {
        long lagSeconds = parseLag(lag).map(Duration::toSeconds).orElse(-1L);
        s.run("INSERT INTO " + table.meta("DYNAMIC_TABLE_REFRESH_HISTORY") + " VALUES (" + lit(table.name()) + ", "
                + lit(table.schema()) + ", " + lit(table.database()) + ", " + lit(state) + ", "
                + lit(state.equals("FAILED") ? "FAILED" : null) + ", " + lit(message) + ", "
                + lit(UUID.randomUUID().toString()) + ", " + timestamp(started) + ", " + timestamp(started)
                + ", now(), NULL, " + lit(table.qualified()) + ", " + lit(action) + ", " + lit(trigger) + ", "
                + lagSeconds + ")");
    }

    /** The dynamic tables a definition reads (by name). */
    private static List<DynamicTableInfo> inputs(Connection c, DynamicTableInfo dt) throws SQLException {
        Set<String> names = new HashSet<>();
        for (SqlToken t : SqlTokenizer.tokenize(dt.definition())) {
            if (!t.isTrivia()) {
                names.add(SqlNames.name(t));
            }
        }
        List<DynamicTableInfo> inputs = new ArrayList<>();
        for (DynamicTableInfo other : all(c, dt.name().database())) {
            if (!other.name().equals(dt.name()) && names.contains(other.name().name())) {
                inputs.add(other);
            }
        }
        return inputs;
    }

    /** '30 seconds', '5 minutes', '1 hour', '1 day' or DOWNSTREAM (empty). */
    static Optional<Duration> parseLag(String lag) throws SqlException {
        String l = lag.strip().toUpperCase(Locale.ROOT);
        if (l.equals("DOWNSTREAM")) {
            return Optional.empty();
        }
        String[] parts = l.split("\\s+");
        if (parts.length == 2 && parts[0].matches("\\d+")) {
            long n = Long.parseLong(parts[0]);
            Duration unit = switch (parts[1]) {
                case "SECOND", "SECONDS" -> Duration.ofSeconds(1);
                case "MINUTE", "MINUTES" -> Duration.ofMinutes(1);
                case "HOUR", "HOURS" -> Duration.ofHours(1);
                case "DAY", "DAYS" -> Duration.ofDays(1);
                default -> null;
            };
            if (unit != null && n > 0) {
                return Optional.of(unit.multipliedBy(n));
            }
        }
        throw new SqlException("Invalid value [" + lag + "] for TARGET_LAG: use '<n> seconds | minutes | hours |"
                + " days' or DOWNSTREAM", null);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
    }

    /** Context functions Snowflake refuses in a dynamic table's definition. */
    private static void requireSupportedContextFunctions(String query) throws SqlException {
        List<SqlToken> tokens = RefreshModes.meaningfulTokens(query);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord("CURRENT_SESSION") && tokens.get(i + 1).isSymbol("(")) {
                throw new SqlException("SQL compilation error: Unsupported context function 'CURRENT_SESSION' used"
                        + " in dynamic table definition.", null);
            }
        }
    }

    /** Reading a dynamic table before its first refresh fails, as in Snowflake (its database has a catalog). */
    static void requireInitialized(Connection c, ObjectName table) throws SQLException {
        if (EmulatorCatalog.exists(c, "SELECT 1 FROM "
                + table.meta("DYNAMIC_TABLES") + " WHERE SCHEMA_NAME = ? AND NAME = ? AND DATA_TIMESTAMP IS NULL",
                table.schema(), table.name())) {
            throw new SqlException("Dynamic table '" + table.qualified() + "' is not initialized. Dynamic table is"
                    + " not initialized: it is refreshed for the first time on its schedule (INITIALIZE ="
                    + " ON_SCHEDULE).", null);
        }
    }

    static Optional<DynamicTableInfo> find(Connection c, ObjectName table) throws SQLException {
        return all(c, table.database()).stream().filter(d -> d.name().equals(table)).findFirst();
    }

    static List<DynamicTableInfo> all(Connection c, String database) throws SQLException {
        List<DynamicTableInfo> tables = new ArrayList<>();
        if (!EmulatorCatalog.hasCatalog(c, database)) {
            return tables;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT SCHEMA_NAME, NAME, TARGET_LAG,"
                + " DEFINITION, SCHEDULING_STATE, epoch_us(DATA_TIMESTAMP), epoch_us(CREATED_ON),"
                + " COALESCE(REFRESH_MODE, 'FULL') FROM " + q(database) + "." + EmulatorCatalog.SCHEMA
                + ".DYNAMIC_TABLES")) {
            while (rs.next()) {
                long micros = rs.getLong(6);
                Optional<Instant> data = rs.wasNull() ? Optional.empty() : Optional.of(instant(micros));
                tables.add(new DynamicTableInfo(new ObjectName(database, rs.getString(1), rs.getString(2)),
                        parseLag(rs.getString(3)), rs.getString(3), rs.getString(4), rs.getString(5), data,
                        instant(rs.getLong(7)), rs.getString(8)));
            }
        }
        return tables;
    }
}
