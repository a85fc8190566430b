package dev.snowpipecdc.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.snowpipecdc.emulator.EmbeddedWarehouse;

/** An embedded warehouse for conformance tests: run Snowflake SQL, get rows back as "a|b|c" text. */
public final class Warehouse implements AutoCloseable {

    private final Path dir;
    private final double timeScale;
    private EmbeddedWarehouse warehouse;
    private Connection session;

    public Warehouse(Path dir, double timeScale) throws SQLException {
        this.dir = dir;
        this.timeScale = timeScale;
        open();
    }

    private void open() throws SQLException {
        warehouse = EmbeddedWarehouse.start(dir, "TESTDB", "PUBLIC", timeScale);
        session = warehouse.dataSource().getConnection();
    }

    /** Closes and reopens the warehouse on the same files, as a restart does. */
    public void restart() throws SQLException {
        close();
        open();
    }

    /** Runs the statements in order in one session; returns the rows of the last one. */
    public List<String> sql(String... statements) throws SQLException {
        List<String> rows = List.of();
        try (Statement st = session.createStatement()) {
            for (String statement : statements) {
                rows = st.execute(statement) ? rows(st.getResultSet()) : List.of("updated " + st.getUpdateCount());
            }
        }
        return rows;
    }

    /** The rows of a query in a new session of its own. */
    public List<String> query(String sql) throws SQLException {
        try (Connection c = warehouse.dataSource().getConnection(); Statement st = c.createStatement()) {
            return rows(st.executeQuery(sql));
        }
    }

    public Connection newSession() throws SQLException {
        return warehouse.dataSource().getConnection();
    }

    public EmbeddedWarehouse embedded() {
        return warehouse;
    }

    public static List<String> rows(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
                row.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            rows.add(row.toString());
        }
        rs.close();
        return rows;
    }

    @Override
    public void close() throws SQLException {
        session.close();
        warehouse.close();
    }
}
