package dev.snowpipecdc.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Runs a user's SQL script as the workload, statement by statement as psql runs it: each statement commits on its
 * own (autocommit) unless it is inside {@code BEGIN ... COMMIT}, so the source history is the one the script's
 * author meant (each committed transaction becomes a version in the SCD Type 2 history). The first failing
 * statement stops the script, naming it. The changes it made are counted by PostgreSQL's own statistics
 * (rows inserted, updated, deleted per table), read before and after: rows changed by transactions that roll
 * back are counted there too, so a script for the demo should commit what it changes.
 */
public final class ScriptWorkload {

    private static final String STATS = "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables"
            + " WHERE schemaname = 'public'";
    private static final String TRUNCATES = "SELECT table_name, COUNT(*) FROM demo.truncates GROUP BY table_name";

    private ScriptWorkload() {
    }

    public static void run(DataSource source, Path script, ChangeTally made) throws SQLException, IOException {
        List<String> statements = PsqlScript.statements(Files.readString(script));
        ChangeTally before;
        ChangeTally after;
        // one session: its own statistics are published when asked, before it reads them back
        try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            before = stats(st);
            for (int i = 0; i < statements.size(); i++) {
                try {
                    st.execute(statements.get(i));
                } catch (SQLException e) {
                    throw new SQLException("Statement " + (i + 1) + " of " + script + " failed: " + e.getMessage()
                            + "\n" + statements.get(i), e.getSQLState(), e);
                }
            }
            if (c.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
                // psql rolls an open transaction back when the script ends; so would closing this connection
                throw new SQLException(script + " ends inside a transaction (BEGIN without COMMIT): its changes"
                        + " would be rolled back; end it with COMMIT");
            }
            after = stats(st);
        }
        after.snapshot().forEach((key, n) -> {
            String table = key.substring(0, key.indexOf('/'));
            String op = key.substring(key.indexOf('/') + 1);
            long delta = n - before.get(table, op);
            if (delta != 0) {
                made.add(table, op, delta);
            }
        });
    }

    private static ChangeTally stats(Statement st) throws SQLException {
        ChangeTally tally = new ChangeTally();
        // a session's counts reach the shared statistics asynchronously; PostgreSQL 15+ publishes them at the
        // end of the next transaction when asked
        st.execute("SELECT pg_stat_force_next_flush()");
        st.execute("SELECT pg_stat_clear_snapshot()");
        try (ResultSet rs = st.executeQuery(STATS)) {
            while (rs.next()) {
                tally.add(rs.getString(1), "c", rs.getLong(2));
                tally.add(rs.getString(1), "u", rs.getLong(3));
                tally.add(rs.getString(1), "d", rs.getLong(4));
            }
        }
        // one change per truncated table (t), which the statistics leave out (SourceDatabase notes them)
        try (ResultSet rs = st.executeQuery(TRUNCATES)) {
            while (rs.next()) {
                tally.add(rs.getString(1), "t", rs.getLong(2));
            }
        }
        return tally;
    }
}
