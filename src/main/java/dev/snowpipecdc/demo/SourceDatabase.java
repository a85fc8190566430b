package dev.snowpipecdc.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server (zonky's embedded binaries) set up for logical decoding, with the seed design's
 * {@code customers} and {@code orders} tables. REPLICA IDENTITY FULL makes updates and deletes carry the whole
 * old row, so the landing table's BEFORE is complete.
 */
public final class SourceDatabase implements AutoCloseable {

    public static final String SCHEMA_SQL = """
            CREATE TABLE customers (
                customer_id SERIAL PRIMARY KEY,
                email VARCHAR(255),
                name VARCHAR(255),
                created_at TIMESTAMP DEFAULT NOW(),
                updated_at TIMESTAMP DEFAULT NOW()
            );
            CREATE TABLE orders (
                order_id SERIAL PRIMARY KEY,
                customer_id INTEGER REFERENCES customers(customer_id),
                amount DECIMAL(10,2),
                status VARCHAR(50),
                created_at TIMESTAMP DEFAULT NOW(),
                updated_at TIMESTAMP DEFAULT NOW()
            );
            -- deleting a customer looks for its orders (the foreign key): without this index, a scan of every order
            CREATE INDEX orders_customer_id ON orders (customer_id);
            ALTER TABLE customers REPLICA IDENTITY FULL;
            ALTER TABLE orders REPLICA IDENTITY FULL;
            -- PostgreSQL's statistics do not count truncates: the demo notes them itself (ScriptWorkload), in a
            -- schema of its own that is not captured
            CREATE SCHEMA demo;
            CREATE TABLE demo.truncates (table_name TEXT NOT NULL);
            CREATE FUNCTION demo.note_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO demo.truncates VALUES (TG_TABLE_NAME); RETURN NULL; END $$;
            CREATE TRIGGER customers_truncated AFTER TRUNCATE ON customers
                FOR EACH STATEMENT EXECUTE FUNCTION demo.note_truncate();
            CREATE TRIGGER orders_truncated AFTER TRUNCATE ON orders
                FOR EACH STATEMENT EXECUTE FUNCTION demo.note_truncate();
            """;

    private final Path dataDir;
    private volatile EmbeddedPostgres postgres;
    private int stoppedPort;

    private SourceDatabase(Path dataDir, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.postgres = postgres;
    }

    /** Starts a fresh server in {@code dataDir} (emptied first) with the seed tables. */
    public static SourceDatabase start(Path dataDir) {
        deleteTree(dataDir);
        SourceDatabase db = new SourceDatabase(dataDir, server(dataDir, 0));
        db.execute(SCHEMA_SQL);
        return db;
    }

    /**
     * Stops the server and starts it again on the same port and data directory, as an operator's restart does:
     * replication slots, publications and data survive it, and readers lose their connections.
     */
    public void restart() {
        stop();
        start();
    }

    /** Stops the server, keeping its port and data directory for {@link #start()}; readers lose their connections. */
    public void stop() {
        stoppedPort = port();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the embedded PostgreSQL", e);
        }
    }

    /** Starts a server stopped by {@link #stop()} again, on the same port and data directory. */
    public void start() {
        postgres = server(dataDir, stoppedPort);
    }

    // the data directory is kept on close so that restart() finds it; close() deletes it itself
    private static EmbeddedPostgres server(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_wal_senders", "8")
                    .setServerConfig("max_replication_slots", "8")
                    .setServerConfig("fsync", "off");
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static void deleteTree(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty " + dir, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    public void execute(String sql) {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL on the demo database failed: " + e.getMessage(), e);
        }
    }

    /** True once a replication slot of that name exists and a reader is attached to it. */
    public boolean slotActive(String slot) {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '"
                     + slot.replace("'", "''") + "'")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deleteTree(dataDir);
    }
}
