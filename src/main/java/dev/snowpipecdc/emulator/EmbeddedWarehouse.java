package dev.snowpipecdc.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import javax.sql.DataSource;

import dev.snowpipecdc.emulator.ingest.HighPerformanceIngestService;
import dev.snowpipecdc.emulator.ingest.IngestServer;
import dev.snowpipecdc.emulator.ingest.StreamingIngestService;
import dev.snowpipecdc.emulator.sql.EmulatorCatalog;
import dev.snowpipecdc.emulator.sql.EmulatorCatalog.ObjectName;
import dev.snowpipecdc.emulator.sql.EmulatorDataSource;
import dev.snowpipecdc.emulator.sql.EmulatorScheduler;
import dev.snowpipecdc.emulator.sql.EmulatorSession;
import dev.snowpipecdc.emulator.sql.SessionFactory;
import dev.snowpipecdc.emulator.sql.WarehouseHost;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Snowflake: DuckDB databases in a data directory, the Snowpipe Streaming endpoints the unmodified
 * ingest SDK talks to, and a JDBC layer that runs Snowflake SQL on the same databases.
 *
 * <p>Layout of the data directory: one DuckDB file per Snowflake database ({@code <DATABASE>.duckdb}, attached
 * under that name, so {@code db.schema.table} names work as in Snowflake), {@code stage/} where the SDK writes its
 * blobs, {@code stages/} with the files of internal stages (PUT, COPY INTO, pipes), and
 * {@code emulator.properties} with the channel encryption key.
 */
public final class EmbeddedWarehouse implements WarehouseHost, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedWarehouse.class);
    private static final String DATABASE_FILE_SUFFIX = ".duckdb";

    /** Default time scale: schedules and lags run as written. */
    public static final double REAL_TIME = 1.0;

    private final DuckDBConnection root;
    private final Path dataDir;
    private final String database;
    private final String schema;
    private final double timeScale;
    private final StreamingIngestService ingestService;
    private final HighPerformanceIngestService highPerformanceService;
    private final IngestServer ingestServer;
    private final EmulatorScheduler scheduler;
    private final DataSource dataSource;

    private EmbeddedWarehouse(DuckDBConnection root, Path dataDir, String database, String schema, double timeScale,
                              StreamingIngestService ingestService,
                              HighPerformanceIngestService highPerformanceService, IngestServer ingestServer) {
        this.root = root;
        this.dataDir = dataDir;
        this.database = database;
        this.schema = schema;
        this.timeScale = timeScale;
        this.ingestService = ingestService;
        this.highPerformanceService = highPerformanceService;
        this.ingestServer = ingestServer;
        this.dataSource = new EmulatorDataSource(() -> openSession(database, schema));
        this.scheduler = new EmulatorScheduler(this, root::duplicate);
    }

    /** TASK_HISTORY's ERROR_CODE of a run the end of its process cut short. */
    static final String INTERRUPTED_RUN_CODE = "000604";

    /**
     * Opens (creating if needed) the warehouse in {@code dataDir} with the given default database and schema, and
     * starts its ingest endpoints.
     */
    public static EmbeddedWarehouse start(Path dataDir, String database, String schema) {
        return start(dataDir, database, schema, REAL_TIME);
    }

    /**
     * @param timeScale how much faster than written task schedules and dynamic-table lags run (30: '1 MINUTE'
     *                  every 2 seconds)
     */
    public static EmbeddedWarehouse start(Path dataDir, String database, String schema, double timeScale) {
        if (timeScale <= 0) {
            throw new IllegalArgumentException("The time scale must be positive, not " + timeScale);
        }
        String db = database.toUpperCase(Locale.ROOT);
        String sc = schema.toUpperCase(Locale.ROOT);
        try {
            Path stage = dataDir.resolve("stage");
            Files.createDirectories(stage);
            DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (Statement st = root.createStatement()) {
                for (Path file : databaseFiles(dataDir)) {
                    attach(st, file, false);
                }
                if (!databaseFiles(dataDir).contains(dataDir.resolve(db + DATABASE_FILE_SUFFIX))) {
                    attach(st, dataDir.resolve(db + DATABASE_FILE_SUFFIX), false);
                }
                st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(db) + "." + quote(sc));
                for (String name : databaseNames(dataDir)) {
                    for (String ddl : catalogDdl(name)) {
                        st.execute(ddl);
                    }
                    cancelInterruptedTaskRuns(st, name);
                }
            }
            StreamingIngestService service = new StreamingIngestService(root.duplicate(), stage,
                    encryptionKey(dataDir));
            HighPerformanceIngestService highPerformance = new HighPerformanceIngestService(root.duplicate(), stage);
            IngestServer server = IngestServer.start(service, highPerformance);
            LOG.info("Embedded warehouse on {} (database {}, schema {}, time scale {}), Snowpipe Streaming endpoints"
                    + " at {}", dataDir.toAbsolutePath(), db, sc, timeScale, server.url());
            EmbeddedWarehouse warehouse = new EmbeddedWarehouse(root, dataDir, db, sc, timeScale, service,
                    highPerformance, server);
            warehouse.scheduler.start();
            return warehouse;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the embedded warehouse in " + dataDir.toAbsolutePath()
                    + ": " + e.getMessage() + " (is another snowpipe-cdc process using this data directory?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the embedded warehouse in " + dataDir.toAbsolutePath(), e);
        }
    }

    /**
     * Opens the databases of a data directory read-only, for inspection while nothing writes to them; returns a
     * Snowflake-SQL data source whose session starts in {@code database.schema}.
     */
    public static DataSource openReadOnly(Path dataDir, String database, String schema) throws SQLException {
        List<Path> files = databaseFiles(dataDir);
        if (files.isEmpty()) {
            throw new SQLException("No embedded warehouse in " + dataDir.toAbsolutePath()
                    + ": no *.duckdb files (run the demo or 'run' first, or pass --data-dir)");
        }
        DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = root.createStatement()) {
            for (Path file : files) {
                attach(st, file, true);
            }
        }
        String db = database.toUpperCase(Locale.ROOT);
        String sc = schema.toUpperCase(Locale.ROOT);
        WarehouseHost readOnly = new ReadOnlyHost(root);
        return new EmulatorDataSource(() -> readOnly.openSession(db, sc));
    }

    /** A host for read-only inspection: no scheduler, no new databases. */
    private record ReadOnlyHost(DuckDBConnection root) implements WarehouseHost {
        @Override
        public void createDatabase(String name, boolean ifNotExists) throws SQLException {
            throw new SQLException("The warehouse is open read-only");
        }

        @Override
        public EmulatorSession openSession(String database, String schema) throws SQLException {
            return SessionFactory.open(root.duplicate(), this, database, schema);
        }

        @Override
        public double timeScale() {
            return REAL_TIME;
        }

        @Override
        public void executeTask(ObjectName root) {
            throw new IllegalStateException("The warehouse is open read-only: no task runs");
        }

        @Override
        public void scheduleChanged() {
            // nothing runs
        }
    }

    /** The account URL for the ingest SDK. */
    /**
     * An outage of the Snowpipe Streaming endpoints, for fault drills: connections are refused until
     * {@link #resumeIngest()}. The SQL side keeps working.
     */
    public void suspendIngest() {
        ingestServer.suspend();
    }

    public void resumeIngest() throws IOException {
        ingestServer.resume();
    }

    @Override
    public Path stageDirectory() {
        return dataDir.resolve("stages");
    }

    /** Bytes of the append bodies the high-performance SDK has sent since the start. */
    public long appendedRowsetBytes() {
        return highPerformanceService.appendedBytes();
    }

    /** Bytes of the blobs the ingest SDK has registered since the start (what it uploaded). */
    public long registeredBlobBytes() {
        return ingestService.registeredBlobBytes();
    }

    public String ingestUrl() {
        return ingestServer.url();
    }

    public String database() {
        return database;
    }

    public String schema() {
        return schema;
    }

    /** Snowflake SQL over the warehouse; each connection starts in the default database and schema. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** A raw DuckDB connection (DuckDB SQL, not Snowflake SQL) in the default database and schema. */
    public Connection openDuckDb() throws SQLException {
        return useSchema(root.duplicate(), database, schema);
    }

    // ---------------------------------------------------------------------------------------- WarehouseHost

    @Override
    public synchronized void createDatabase(String name, boolean ifNotExists) throws SQLException {
        String db = name;
        try (Statement st = root.createStatement()) {
            if (EmulatorCatalog.databaseExists(root, db)) {
                if (ifNotExists) {
                    return;
                }
                throw new SQLException("Object '" + db + "' already exists.");
            }
            attach(st, dataDir.resolve(db + DATABASE_FILE_SUFFIX), false);
            st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(db) + ".\"PUBLIC\"");
            for (String ddl : catalogDdl(db)) {
                st.execute(ddl);
            }
        }
    }

    @Override
    public EmulatorSession openSession(String sessionDatabase, String sessionSchema) throws SQLException {
        return SessionFactory.open(root.duplicate(), this, sessionDatabase, sessionSchema);
    }

    @Override
    public double timeScale() {
        return timeScale;
    }

    @Override
    public void executeTask(ObjectName task) {
        scheduler.executeTask(task);
    }

    @Override
    public void scheduleChanged() {
        scheduler.scheduleChanged();
    }

    @Override
    public void close() {
        scheduler.close();
        ingestServer.close();
        try {
            ingestService.close();
            highPerformanceService.close();
            root.close();
        } catch (SQLException e) {
            LOG.warn("Closing the embedded warehouse: {}", e.getMessage());
        }
    }

    private static Connection useSchema(Connection connection, String database, String schema) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("USE " + quote(database) + "." + quote(schema));
        }
        return connection;
    }

    private static void attach(Statement st, Path file, boolean readOnly) throws SQLException {
        String name = file.getFileName().toString();
        String database = name.substring(0, name.length() - DATABASE_FILE_SUFFIX.length());
        st.execute("ATTACH '" + file.toAbsolutePath().toString().replace("'", "''") + "' AS " + quote(database)
                + (readOnly ? " (READ_ONLY)" : ""));
    }

    private static List<Path> databaseFiles(Path dataDir) throws SQLException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dataDir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dataDir, "*" + DATABASE_FILE_SUFFIX)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new SQLException("Cannot list " + dataDir, e);
        }
        files.sort(null);
        return files;
    }

    private static List<String> databaseNames(Path dataDir) throws SQLException {
        return databaseFiles(dataDir).stream().map(f -> {
            String name = f.getFileName().toString();
            return name.substring(0, name.length() - DATABASE_FILE_SUFFIX.length());
        }).toList();
    }

    /**
     * Task runs still EXECUTING when the warehouse opens were cut short by the end of the process that ran them
     * (kill -9): their transactions were rolled back with it. Snowflake reports a run that did not complete and
     * did not fail on its own SQL as CANCELLED; so does the embedded warehouse, instead of EXECUTING forever.
     */
    private static void cancelInterruptedTaskRuns(Statement st, String database) throws SQLException {
        int cancelled = st.executeUpdate("UPDATE " + quote(database) + "." + EmulatorCatalog.SCHEMA + ".TASK_HISTORY"
                + " SET STATE = 'CANCELLED', ERROR_CODE = '" + INTERRUPTED_RUN_CODE + "', ERROR_MESSAGE = 'The"
                + " embedded warehouse stopped while this run executed (the process ended); its transaction was"
                + " rolled back', COMPLETED_TIME = now() WHERE STATE = 'EXECUTING'");
        if (cancelled > 0) {
            LOG.info("Marked {} task run(s) of {} that the last process left executing as CANCELLED", cancelled,
                    database);
        }
    }

    /** The emulator catalog and the channel state of one database. */
    private static List<String> catalogDdl(String database) {
        List<String> ddl = new ArrayList<>(EmulatorCatalog.ddl(database));
        ddl.addAll(List.of(StreamingIngestService.channelStateDdl(database).split(";\n")));
        ddl.add(HighPerformanceIngestService.channelStateDdl(database));
        return ddl;
    }

    /** A 256-bit key made once per data directory: blobs written before a restart must stay readable. */
    private static String encryptionKey(Path dataDir) throws IOException {
        Path file = dataDir.resolve("emulator.properties");
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            }
        }
        String key = props.getProperty("encryption.key");
        if (key == null) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            key = Base64.getEncoder().encodeToString(bytes);
            props.setProperty("encryption.key", key);
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "embedded warehouse settings; the key encrypts Snowpipe Streaming blobs in stage/");
            }
        }
        return key;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
