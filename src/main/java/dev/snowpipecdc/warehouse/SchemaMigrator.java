package dev.snowpipecdc.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the warehouse up to date with the scripts, recording each in {@code SCHEMA_HISTORY} with its checksum:
 * a versioned script runs once, and one that changed after it ran is an error (write a new version instead); a
 * repeatable script runs again when its checksum changes. Every check comes before the first statement runs, so a
 * refused migration changes nothing. A script is recorded once all its statements succeeded; Snowflake commits DDL
 * statement by statement, so a failed script may have been applied in part, and scripts are written to be run
 * again (IF NOT EXISTS, OR REPLACE).
 */
public final class SchemaMigrator {

    public static final String HISTORY_TABLE = "SCHEMA_HISTORY";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final String CREATE_HISTORY = "CREATE TABLE IF NOT EXISTS " + HISTORY_TABLE + " ("
            + " SCRIPT VARCHAR(255) NOT NULL, VERSION NUMBER(10,0), CHECKSUM VARCHAR(64) NOT NULL,"
            + " APPLIED_AT TIMESTAMP_LTZ NOT NULL, EXECUTION_MS NUMBER(19,0) NOT NULL)";

    /** What one migration did. */
    public record Outcome(List<String> applied, List<String> upToDate) {
    }

    private final DataSource warehouse;

    public SchemaMigrator(DataSource warehouse) {
        this.warehouse = warehouse;
    }

    public Outcome migrate(List<MigrationScript> scripts) throws SQLException {
        try (Connection connection = warehouse.getConnection()) {
            try (Statement st = connection.createStatement()) {
                st.execute(CREATE_HISTORY);
            }
            Map<String, String> applied = lastChecksums(connection);
            for (MigrationScript script : scripts) {
                String checksum = applied.get(script.name());
                if (!script.isRepeatable() && checksum != null && !checksum.equals(script.checksum())) {
                    throw new IllegalStateException("Versioned script " + script.name() + " changed after it was"
                            + " applied (checksum " + checksum + " in " + HISTORY_TABLE + ", now " + script.checksum()
                            + "). A versioned script runs once: put the change in a new V<n>__ script, or name the"
                            + " script R__ if it is safe to run again.");
                }
            }
            List<String> done = new ArrayList<>();
            List<String> upToDate = new ArrayList<>();
            for (MigrationScript script : scripts) {
                if (script.checksum().equals(applied.get(script.name()))) {
                    upToDate.add(script.name());
                    continue;
                }
                long start = System.nanoTime();
                run(connection, script);
                record(connection, script, (System.nanoTime() - start) / 1_000_000);
                done.add(script.name());
                LOG.info("Applied {}", script.name());
            }
            return new Outcome(done, upToDate);
        }
    }

    /** The latest checksum of each script in the history. */
    private static Map<String, String> lastChecksums(Connection connection) throws SQLException {
        Map<String, String> checksums = new HashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT SCRIPT, CHECKSUM FROM " + HISTORY_TABLE
                     + " ORDER BY APPLIED_AT")) {
            while (rs.next()) {
                checksums.put(rs.getString(1), rs.getString(2));
            }
        }
        return checksums;
    }

    private static void run(Connection connection, MigrationScript script) throws SQLException {
        for (List<SqlToken> statement : SqlTokenizer.statements(script.sql())) {
            StringBuilder text = new StringBuilder();
            statement.forEach(t -> text.append(t.text()));
            try (Statement st = connection.createStatement()) {
                st.execute(withBlockTerminator(statement, text.toString().strip()));
            } catch (SQLException e) {
                int line = statement.stream().filter(t -> !t.isTrivia()).findFirst().map(SqlToken::line).orElse(0);
                throw new SQLException("Script " + script.name() + " failed at line " + line + ": " + e.getMessage(),
                        e.getSQLState(), e.getErrorCode(), e);
            }
        }
    }

    /**
     * The statement's text, with the semicolon Snowflake wants after the END of a scripting block (a task body):
     * the statement splitter drops the one that ends the statement.
     */
    static String withBlockTerminator(List<SqlToken> statement, String text) {
        for (int i = statement.size() - 1; i >= 0; i--) {
            SqlToken token = statement.get(i);
            if (!token.isTrivia()) {
                return token.text().equalsIgnoreCase("END") ? text + ";" : text;
            }
        }
        return text;
    }

    private static void record(Connection connection, MigrationScript script, long millis) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + HISTORY_TABLE
                + " (SCRIPT, VERSION, CHECKSUM, APPLIED_AT, EXECUTION_MS) VALUES (?, ?, ?, CURRENT_TIMESTAMP(), ?)")) {
            ps.setString(1, script.name());
            if (script.version().isPresent()) {
                ps.setInt(2, script.version().getAsInt());
            } else {
                ps.setNull(2, Types.INTEGER);
            }
            ps.setString(3, script.checksum());
            ps.setLong(4, millis);
            ps.executeUpdate();
        }
    }
}
