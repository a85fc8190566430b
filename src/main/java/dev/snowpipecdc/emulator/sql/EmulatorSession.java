package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.lit;
import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.q;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.snowpipecdc.emulator.sql.EmulatorCatalog.ObjectName;
import dev.snowpipecdc.emulator.sql.EmulatorCatalog.StreamInfo;
import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;

/**
 * A Snowflake session on the embedded warehouse: current database and schema, session parameters
 * ({@link SessionParameters}), explicit transactions and the streams they read ({@link StreamReads}), and the
 * statements DuckDB has no notion of (streams, tasks, dynamic tables, SHOW, USE, ...: {@link Commands}).
 * Everything else is translated ({@link SnowflakeSqlTranslator}) and run on the session's DuckDB connection.
 */
public final class EmulatorSession implements TranslationContext, AutoCloseable {

    private static final Set<String> DML = Set.of("INSERT", "MERGE", "UPDATE", "DELETE", "COPY");
    /** Statements that commit an open transaction before they run, as in Snowflake. */
    private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "UNDROP", "GRANT", "REVOKE",
            "COMMENT", "TRUNCATE");
    private static final int RESULTS_KEPT = 8;
    /** The first word of DuckDB SQL (standard strings: read without Snowflake's backslash escapes). */
    private static final java.util.regex.Pattern FIRST_WORD = java.util.regex.Pattern.compile("^[\\s(]*([A-Za-z]+)");

    private final Connection duck;
    private final WarehouseHost host;
    private String database;
    private String schema;
    private final SessionParameters parameters;
    private boolean explicitTransaction;
    /** A statement failed inside the explicit transaction: DuckDB has aborted it, so it cannot commit. */
    private boolean transactionFailed;
    /** JDBC autocommit is off: a new transaction starts whenever one ends. */
    private boolean manualCommit;
    /** The statement being translated creates a view: streams cannot be read there. */
    private boolean creatingView;
    private final StreamReads streams;
    private final AppendOnlyLog appendOnlyLog;
    private final Deque<String> keptResults = new ArrayDeque<>();
    private String lastQueryId;
    private String currentQueryId;
    /** Inside a flow (->>): the temporary table that keeps the running statement's rows. */
    private String flowResult;
    /** The temporary tables of the session's last flow. */
    private final List<String> flowTables = new java.util.ArrayList<>();

    /** What a statement produced: a result set on the target statement, or an update count. */
    public record Outcome(boolean resultSet, long updateCount) {
    }

    EmulatorSession(Connection duck, WarehouseHost host, String database, String schema) throws SQLException {
        this.duck = duck;
        this.host = host;
        this.database = database;
        this.schema = schema;
        this.streams = new StreamReads(duck);
        this.appendOnlyLog = new AppendOnlyLog(duck);
        run("USE " + q(database) + "." + q(schema));
        this.parameters = new SessionParameters(duck);
        // Snowflake orders NULL above every value: last in ascending order, first in descending
        run("SET SESSION default_null_order = 'nulls_last_on_asc_first_on_desc'");
    }

    public Connection connection() {
        return duck;
    }

    public String database() {
        return database;
    }

    public String schema() {
        return schema;
    }

    WarehouseHost host() {
        return host;
    }

    ObjectName resolve(List<String> parts) throws SqlException {
        return EmulatorCatalog.resolve(parts, database, schema);
    }

    // ------------------------------------------------------------------------------------------------ execution

    /**
     * Runs one Snowflake statement. The statement that produces the caller's result runs on {@code target}, so
     * that its result set (or update count) is the caller's.
     */
    public Outcome execute(String sql, Statement target) throws SQLException {
        List<String> flow = FlowOperator.statements(sql);
        if (flow.size() > 1) {
            return flow(flow, target);
        }
        // LAST_QUERY_ID() in this statement means the statement before it
        lastQueryId = currentQueryId;
        currentQueryId = UUID.randomUUID().toString();
        TokenCursor cursor = new TokenCursor(sql);
        String first = cursor.atEnd() ? "" : cursor.peek().text().toUpperCase(Locale.ROOT);
        if (first.equals("BEGIN") && isScriptingBlock(cursor)) {
            return block(sql, target);
        }
        switch (first) {
            case "BEGIN", "START" -> {
                begin();
                return status(target, "Statement executed successfully.");
            }
            case "COMMIT" -> {
                commit();
                return status(target, "Statement executed successfully.");
            }
            case "ROLLBACK" -> {
                rollback();
                return status(target, "Statement executed successfully.");
            }
            default -> {
                // everything else runs in a transaction: the caller's, or one of its own
            }
        }
        boolean ddl = DDL.contains(first) && !(cursor.peek(1) != null && cursor.peek(1).isWord("SESSION"));
        if (ddl && explicitTransaction) {
            // Snowflake commits the open transaction before DDL; the DDL then runs on its own
            commit();
        }
        Optional<Commands.Command> command = Commands.parse(this, cursor);
        if (command.isPresent() && !command.get().transactional()) {
            return resultOf(command.get().run(this), target);
        }
        creatingView = first.equals("CREATE") && createsView(sql);
        boolean own = !explicitTransaction;
        if (own) {
            begin();
        }
        try {
            Optional<DmlTarget> written = DML.contains(first) || first.equals("TRUNCATE") ? DmlTarget.of(sql)
                    : Optional.empty();
            if (written.isPresent() && written.get().table().size() <= 3) {
                keepStreamsBeforeChange(written.get(), !own);
            }
            Outcome outcome = command.isPresent() ? resultOf(command.get().run(this), target)
                    : translated(sql, first, target);
            appendOnlyLog.after();
            if (own) {
                commit();
            }
            return outcome;
        } catch (SQLException | RuntimeException e) {
            appendOnlyLog.forget();
            if (own) {
                rollback();
            } else {
                transactionFailed = true;
            }
            throw e;
        } finally {
            streams.statementEnded();
            creatingView = false;
        }
    }

    /**
     * Before a statement writes a table with streams. In an explicit transaction, the streams are read before it
     * changes the table (an INSERT only adds rows that DuckDB numbers apart until COMMIT, so a stream read later
     * leaves those out instead: no copy of the table now). Rows it may remove are set aside for the append-only
     * streams' logs.
     */
    private void keepStreamsBeforeChange(DmlTarget written, boolean inTransaction) throws SQLException {
        ObjectName table = resolve(written.table());
        if (inTransaction && written.onlyInserts()) {
            streams.inserting(table);
            return;
        }
        if (!inTransaction && !written.removesRows()) {
            return;
        }
        List<StreamInfo> onTable = EmulatorCatalog.streamsOn(duck, table);
        if (inTransaction) {
            for (StreamInfo stream : onTable) {
                streams.beforeChangeOf(stream);
            }
        }
        if (written.removesRows()) {
            appendOnlyLog.before(onTable);
        }
    }

    /**
     * {@code s1 ->> s2 ->> ...}: each statement's result is kept for the next ones ($1, $2, ...); the last
     * statement's result is the caller's.
     */
    private Outcome flow(List<String> statements, Statement target) throws SQLException {
        // the results of the session's previous flow are no longer needed
        for (String table : flowTables) {
            run("DROP TABLE IF EXISTS temp.main." + q(table));
        }
        flowTables.clear();
        String flow = UUID.randomUUID().toString().replace("-", "");
        for (int n = 1; n < statements.size(); n++) {
            String statement = FlowOperator.withResults(statements.get(n - 1), flow, n - 1);
            String table = FlowOperator.resultTable(flow, n);
            flowResult = table;
            flowTables.add(table);
            try (Statement scratch = duck.createStatement()) {
                Outcome outcome = execute(statement, scratch);
                if (flowResult != null) {
                    // no rows to keep (a DML statement): its count is its result
                    run("CREATE OR REPLACE TEMP TABLE " + q(table) + " AS SELECT " + Math.max(outcome.updateCount(),
                            0) + " AS " + q("number of rows affected"));
                }
            } finally {
                flowResult = null;
            }
        }
        return execute(FlowOperator.withResults(statements.get(statements.size() - 1), flow, statements.size() - 1),
                target);
    }

    /** Runs the DuckDB statement that answers the caller; inside a flow, a query's rows are kept first. */
    private boolean answer(Statement target, String duckSql) throws SQLException {
        java.util.regex.Matcher first = FIRST_WORD.matcher(duckSql);
        boolean query = first.find() && Set.of("SELECT", "WITH", "FROM", "VALUES")
                .contains(first.group(1).toUpperCase(Locale.ROOT));
        if (flowResult != null && query) {
            String table = flowResult;
            flowResult = null;
            run("CREATE OR REPLACE TEMP TABLE " + q(table) + " AS " + duckSql);
            return target.execute("SELECT * FROM temp.main." + q(table));
        }
        return target.execute(duckSql);
    }

    private static boolean createsView(String sql) throws SQLException {
        TokenCursor c = new TokenCursor(sql);
        c.accept("CREATE");
        c.accept("OR", "REPLACE");
        while (c.accept("SECURE") || c.accept("RECURSIVE") || c.accept("MATERIALIZED") || c.accept("TEMPORARY")
                || c.accept("TEMP")) {
            // view kinds
        }
        return c.peekWord("VIEW");
    }

    private Outcome resultOf(String duckSql, Statement target) throws SQLException {
        return duckSql.isEmpty() ? new Outcome(false, 0) : runResult(target, duckSql);
    }

    /** BEGIN ... END: a Snowflake Scripting block, or the transaction statement BEGIN [TRANSACTION | WORK]. */
    private static boolean isScriptingBlock(TokenCursor cursor) {
        SqlToken next = cursor.peek(1);
        return next != null && !next.isWord("TRANSACTION") && !next.isWord("WORK") && !next.isWord("NAME");
    }

    /**
     * A block of statements ({@code BEGIN s1; s2; END}), as a task body has. As in Snowflake, a block is not a
     * transaction: each statement commits on its own unless the block opens one with BEGIN TRANSACTION; a
     * transaction still open when the block fails or ends is rolled back. DECLARE, LET, IF and loops are not
     * supported.
     */
    private Outcome block(String sql, Statement target) throws SQLException {
        String body = ScriptingBlock.body(sql);
        boolean outer = explicitTransaction;
        Outcome last = new Outcome(false, 0);
        try {
            for (List<SqlToken> statement : SqlTokenizer.statements(body)) {
                StringBuilder text = new StringBuilder();
                statement.forEach(t -> text.append(t.text()));
                last = execute(text.toString().strip(), target);
            }
        } catch (SQLException | RuntimeException e) {
            if (!outer && explicitTransaction) {
                rollback();
            }
            throw e;
        }
        if (!outer && explicitTransaction) {
            rollback();
            throw new SqlException("The block ended inside a transaction it opened: it was rolled back (end it with"
                    + " COMMIT)", null);
        }
        return last;
    }

    /** Runs a script: its statements in order; the result of the last one is returned as a query on target. */
    public Outcome executeScript(String script, Statement target) throws SQLException {
        Outcome last = new Outcome(false, 0);
        for (List<SqlToken> statement : SqlTokenizer.statements(script)) {
            StringBuilder text = new StringBuilder();
            statement.forEach(t -> text.append(t.text()));
            last = execute(text.toString().strip(), target);
        }
        return last;
    }

    private Outcome translated(String sql, String first, Statement target) throws SQLException {
        SnowflakeSqlTranslator.Translation translation = SnowflakeSqlTranslator.translate(sql, this);
        for (String setup : translation.setup()) {
            run(setup);
        }
        boolean hasResult;
        long count;
        if (first.equals("MERGE")) {
            MergeCheck.check(duck, translation.sql(),
                    Boolean.parseBoolean(parameters.get("ERROR_ON_NONDETERMINISTIC_MERGE")));
            // Snowflake answers with the rows inserted, updated and deleted; the count is there too
            MergeCounts counts = MergeCounts.run(duck, translation.sql());
            hasResult = answer(target, counts.resultQuery(sql));
            count = counts.total();
        } else if (first.equals("UPDATE")) {
            UpdateCounts counts = UpdateCounts.run(duck, translation.sql(),
                    Boolean.parseBoolean(parameters.get("ERROR_ON_NONDETERMINISTIC_UPDATE")));
            hasResult = answer(target, counts.resultQuery());
            count = counts.updated();
        } else if (first.equals("INSERT")) {
            hasResult = answer(target, InsertCoercion.apply(duck, this, translation.sql()));
            count = hasResult ? -1 : target.getUpdateCount();
        } else {
            hasResult = answer(target, translation.sql());
            count = hasResult ? -1 : target.getUpdateCount();
        }
        if (DML.contains(first) || (first.equals("CREATE")
                && Commands.createdTableName(new TokenCursor(sql)).isPresent())) {
            streams.statementConsumed();
        }
        if (first.equals("CREATE") && !translation.primaryKey().isEmpty()) {
            TokenCursor cursor = new TokenCursor(sql);
            Optional<List<String>> table = Commands.createdTableName(cursor);
            if (table.isPresent()) {
                EmulatorCatalog.recordPrimaryKey(duck, resolve(table.get()), translation.primaryKey());
            }
        }
        return new Outcome(hasResult, count);
    }

    private Outcome runResult(Statement target, String duckSql) throws SQLException {
        boolean hasResult = answer(target, duckSql);
        return new Outcome(hasResult, hasResult ? -1 : target.getUpdateCount());
    }

    Outcome status(Statement target, String message) throws SQLException {
        return runResult(target, "SELECT " + lit(message) + " AS \"status\"");
    }

    /**
     * Keeps a command's result (SHOW ...) for RESULT_SCAN(LAST_QUERY_ID()) and returns the query that reads it.
     */
    String keepResult(String duckQuery) throws SQLException {
        String table = "__result_" + currentQueryId.replace("-", "");
        run("CREATE OR REPLACE TEMP TABLE " + q(table) + " AS " + duckQuery);
        keptResults.addLast(table);
        while (keptResults.size() > RESULTS_KEPT) {
            run("DROP TABLE IF EXISTS temp.main." + q(keptResults.removeFirst()));
        }
        return "SELECT * FROM temp.main." + q(table);
    }

    // ---------------------------------------------------------------------------------------------- transactions

    void begin() throws SQLException {
        if (explicitTransaction) {
            return;
        }
        run("BEGIN TRANSACTION");
        explicitTransaction = true;
    }

    /** Commits; streams that a DML statement of the transaction read move their offset first. */
    public void commit() throws SQLException {
        if (!explicitTransaction) {
            return;
        }
        if (transactionFailed) {
            rollback();
            throw new SqlException("The transaction was rolled back, not committed: a statement in it failed, and the"
                    + " embedded warehouse cannot keep the others as Snowflake would (see "
                    + SqlException.SUPPORTED_CONSTRUCTS_DOC + ")", null);
        }
        try {
            streams.moveOffsets();
            run("COMMIT");
        } catch (SQLException e) {
            try {
                run("ROLLBACK");
            } catch (SQLException ignored) {
                // the transaction is gone either way
            }
            throw e;
        } finally {
            endTransaction();
        }
    }

    public void rollback() throws SQLException {
        if (!explicitTransaction) {
            return;
        }
        try {
            run("ROLLBACK");
        } finally {
            endTransaction();
        }
    }

    private void endTransaction() throws SQLException {
        explicitTransaction = false;
        transactionFailed = false;
        streams.transactionEnded();
        if (manualCommit) {
            begin();
        }
    }

    /** JDBC setAutoCommit: off means a transaction is always open. */
    void setManualCommit(boolean manual) throws SQLException {
        manualCommit = manual;
        if (manual) {
            begin();
        } else {
            commit();
        }
    }

    boolean manualCommit() {
        return manualCommit;
    }

    // ----------------------------------------------------------------------------------- translation context

    @Override
    public String timestampTypeMapping() {
        return parameters.get("TIMESTAMP_TYPE_MAPPING");
    }

    @Override
    public Optional<String> currentDatabase() {
        return Optional.of(database);
    }

    @Override
    public Optional<String> currentSchema() {
        return Optional.of(schema);
    }

    @Override
    public Optional<String> columnType(List<List<String>> tables, String column) throws SQLException {
        Set<String> types = new java.util.HashSet<>();
        for (List<String> table : tables) {
            if (table.size() > 3) {
                continue;
            }
            String type = EmulatorCatalog.columnTypes(duck, resolve(table)).get(column);
            if (type != null) {
                types.add(type);
            }
        }
        return types.size() == 1 ? Optional.of(types.iterator().next()) : Optional.empty();
    }

    @Override
    public Optional<String> tableReference(List<String> nameParts) throws SQLException {
        if (nameParts.size() > 3) {
            return Optional.empty();
        }
        Optional<String> view = InformationSchema.view(nameParts, database);
        if (view.isPresent()) {
            return view;
        }
        ObjectName name = resolve(nameParts);
        if (!EmulatorCatalog.hasCatalog(duck, name.database())) {
            return Optional.empty();
        }
        DynamicTables.requireInitialized(duck, name);
        Optional<StreamInfo> stream = EmulatorCatalog.streamInCatalog(duck, name);
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        if (creatingView) {
            throw new SqlException("A view over stream " + name.qualified() + ": the embedded warehouse reads streams"
                    + " in statements only, not in views (see " + SqlException.SUPPORTED_CONSTRUCTS_DOC + ")", null);
        }
        return Optional.of(streams.read(stream.get()));
    }

    @Override
    public Optional<String> tableFunction(List<String> nameParts, List<Argument> args) throws SQLException {
        String fn = nameParts.get(nameParts.size() - 1);
        // SNOWFLAKE.INFORMATION_SCHEMA (as Snowflake's own examples write it) is the current database's
        String db = nameParts.size() == 3 && !nameParts.get(0).equals("SNOWFLAKE") ? nameParts.get(0) : database;
        boolean informationSchema = nameParts.size() >= 2
                && nameParts.get(nameParts.size() - 2).equals("INFORMATION_SCHEMA");
        if (fn.equals("RESULT_SCAN") && nameParts.size() == 1) {
            String id = literalValue(args.get(0).sql());
            String table = "__result_" + id.replace("-", "");
            if (!keptResults.contains(table)) {
                throw new SqlException("RESULT_SCAN: the embedded warehouse keeps the results of SHOW commands of"
                        + " this session only; " + id + " is not one (see " + SqlException.SUPPORTED_CONSTRUCTS_DOC
                        + ")", null);
            }
            return Optional.of("(SELECT * FROM temp.main." + q(table) + ")");
        }
        if ((nameParts.size() == 1 || informationSchema) && fn.equals("TASK_HISTORY")) {
            return Optional.of(History.taskHistory(db, args));
        }
        if ((nameParts.size() == 1 || informationSchema) && fn.equals("DYNAMIC_TABLE_REFRESH_HISTORY")) {
            return Optional.of(History.refreshHistory(db, args));
        }
        if ((nameParts.size() == 1 || informationSchema) && fn.equals("TASK_DEPENDENTS")) {
            return Optional.of(History.taskDependents(db, schema, args));
        }
        if ((nameParts.size() == 1 || informationSchema) && fn.equals("DYNAMIC_TABLE_GRAPH_HISTORY")) {
            return Optional.of(History.graphHistory(db));
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> sessionFunction(String name, List<String> args) throws SQLException {
        return switch (name) {
            case "SYSTEM$STREAM_HAS_DATA" -> Optional.of(streamHasData(args) ? "TRUE" : "FALSE");
            case "SYSTEM$STREAM_GET_TABLE_TIMESTAMP" -> Optional.of(streamTimestamp(args));
            case "SYSTEM$WAIT" -> Optional.of(systemWait(args));
            case "LAST_QUERY_ID" -> Optional.of(lit(lastQueryId));
            case "CURRENT_DATABASE" -> Optional.of(lit(database));
            case "CURRENT_SCHEMA" -> Optional.of(lit(schema));
            case "CURRENT_WAREHOUSE" -> Optional.of(lit("EMBEDDED"));
            case "CURRENT_ROLE" -> Optional.of(lit("ACCOUNTADMIN"));
            case "CURRENT_USER" -> Optional.of(lit("EMULATOR"));
            case "CURRENT_ACCOUNT" -> Optional.of(lit("EMBEDDED"));
            default -> Optional.empty();
        };
    }

    private boolean streamHasData(List<String> args) throws SQLException {
        StreamInfo stream = streamNamed(literalValue(args.get(0)));
        Optional<String> read = streams.readInTransaction(stream.name());
        String query = read.isPresent() ? "SELECT EXISTS (SELECT 1 FROM " + read.get() + ")"
                : StreamChanges.hasDataQuery(duck, stream);
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private String streamTimestamp(List<String> args) throws SQLException {
        StreamInfo stream = streamNamed(literalValue(args.get(0)));
        // Snowflake returns nanoseconds since the epoch
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery("SELECT epoch_us(OFFSET_AT) * 1000"
                + " FROM " + stream.name().meta("STREAMS") + " WHERE SCHEMA_NAME = " + lit(stream.name().schema())
                + " AND NAME = " + lit(stream.name().name()))) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String systemWait(List<String> args) throws SQLException {
        double amount = Double.parseDouble(args.get(0).strip());
        String unit = args.size() > 1 ? literalValue(args.get(1)).toUpperCase(Locale.ROOT) : "SECONDS";
        double seconds = switch (unit) {
            case "MILLISECONDS" -> amount / 1000;
            case "MINUTES" -> amount * 60;
            case "HOURS" -> amount * 3600;
            default -> amount;
        };
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("SYSTEM$WAIT interrupted", e);
        }
        return lit("waited " + args.get(0).strip() + " " + unit.toLowerCase(Locale.ROOT));
    }

    StreamInfo streamNamed(String qualified) throws SQLException {
        List<String> parts = new TokenCursor(qualified).name();
        return EmulatorCatalog.stream(duck, resolve(parts)).orElseThrow(() ->
                new SqlException("Stream '" + qualified + "' does not exist or not authorized.", null));
    }

    /** The value of a SQL string literal as the translator wrote it ('it''s' → it's). */
    static String literalValue(String sql) {
        String s = sql.strip();
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            return s.substring(1, s.length() - 1).replace("''", "'");
        }
        return s;
    }

    // ---------------------------------------------------------------------------------------- current objects

    SessionParameters parameters() {
        return parameters;
    }

    void use(String newDatabase, String newSchema) throws SQLException {
        run("USE " + q(newDatabase) + "." + q(newSchema));
        database = newDatabase;
        schema = newSchema;
    }

    /** Runs DuckDB SQL on the session's connection. */
    void run(String duckSql) throws SQLException {
        try (Statement st = duck.createStatement()) {
            st.execute(duckSql);
        }
    }

    @Override
    public void close() throws SQLException {
        manualCommit = false;
        if (explicitTransaction) {
            rollback();
        }
        duck.close();
    }

    /** Runs {@code action} with the session's current database and schema set to those of {@code object}. */
    <T> T inSchemaOf(ObjectName object, SqlAction<T> action) throws SQLException {
        String db = database;
        String sc = schema;
        use(object.database(), object.schema());
        try {
            return action.run();
        } finally {
            use(db, sc);
        }
    }

    @FunctionalInterface
    interface SqlAction<T> {
        T run() throws SQLException;
    }
}
