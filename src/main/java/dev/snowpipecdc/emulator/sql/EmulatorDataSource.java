package dev.snowpipecdc.emulator.sql;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * The embedded warehouse's JDBC layer: a {@link DataSource} whose connections are Snowflake sessions
 * ({@link EmulatorSession}) over DuckDB. {@link Statement}s run every statement Snowflake knows, streams, tasks
 * and dynamic tables included; {@link java.sql.PreparedStatement}s are translated but cannot read streams
 * (a stream read belongs to a transaction, which a statement prepared once and run many times does not have).
 * Commit and rollback on the connection are the session's, so stream offsets move as in Snowflake.
 */
public final class EmulatorDataSource implements DataSource {

    /** Opens a session. */
    @FunctionalInterface
    public interface Sessions {
        EmulatorSession open() throws SQLException;
    }

    private final Sessions sessions;
    private PrintWriter logWriter;
    private int loginTimeout;

    public EmulatorDataSource(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Connection getConnection() throws SQLException {
        EmulatorSession session = sessions.open();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                new ConnectionHandler(session));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    private static final class ConnectionHandler implements InvocationHandler {
        private final EmulatorSession session;

        ConnectionHandler(EmulatorSession session) {
            this.session = session;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "createStatement" -> {
                    Statement target = (Statement) invokeTarget(session.connection(), method, args);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Statement.class},
                            new StatementHandler(session, target, (Connection) proxy));
                }
                case "prepareStatement", "prepareCall" -> {
                    args[0] = translateForPrepare(session, (String) args[0]);
                    return invokeTarget(session.connection(), method, args);
                }
                case "nativeSQL" -> {
                    return translateForPrepare(session, (String) args[0]);
                }
                case "setAutoCommit" -> {
                    session.setManualCommit(!(Boolean) args[0]);
                    return null;
                }
                case "getAutoCommit" -> {
                    return !session.manualCommit();
                }
                case "commit" -> {
                    session.commit();
                    return null;
                }
                case "rollback" -> {
                    if (args == null || args.length == 0) {
                        session.rollback();
                        return null;
                    }
                    throw new SQLFeatureNotSupportedException("Savepoints are not supported");
                }
                case "close" -> {
                    session.close();
                    return null;
                }
                case "unwrap" -> {
                    Class<?> iface = (Class<?>) args[0];
                    return iface.isInstance(session) ? session : invokeTarget(session.connection(), method, args);
                }
                default -> {
                    return invokeTarget(session.connection(), method, args);
                }
            }
        }
    }

    private static String translateForPrepare(EmulatorSession session, String sql) throws SQLException {
        TranslationContext noStreams = new TranslationContext() {
            @Override
            public String timestampTypeMapping() {
                return session.timestampTypeMapping();
            }

            @Override
            public Optional<String> currentDatabase() {
                return session.currentDatabase();
            }

            @Override
            public Optional<String> currentSchema() {
                return session.currentSchema();
            }

            @Override
            public Optional<String> tableReference(List<String> nameParts) throws SQLException {
                Optional<String> view = nameParts.size() <= 3
                        ? InformationSchema.view(nameParts, session.currentDatabase().orElse(null)) : Optional.empty();
                if (view.isPresent()) {
                    return view;
                }
                if (nameParts.size() <= 3
                        && EmulatorCatalog.stream(session.connection(), session.resolve(nameParts)).isPresent()) {
                    throw new SqlException("Stream " + String.join(".", nameParts) + " read through a prepared"
                            + " statement: the embedded warehouse reads streams in statements run with"
                            + " Statement.execute (see " + SqlException.SUPPORTED_CONSTRUCTS_DOC + ")", null);
                }
                return Optional.empty();
            }

            @Override
            public Optional<String> tableFunction(List<String> nameParts, List<Argument> args) throws SQLException {
                return session.tableFunction(nameParts, args);
            }

            @Override
            public Optional<String> sessionFunction(String name, List<String> args) throws SQLException {
                if (name.startsWith("SYSTEM$")) {
                    // evaluated once at prepare time, the value would be stale at every execution
                    throw new SqlException(name + " in a prepared statement: the embedded warehouse evaluates it"
                            + " when the statement is translated; run it with Statement.execute (see "
                            + SqlException.SUPPORTED_CONSTRUCTS_DOC + ")", null);
                }
                return session.sessionFunction(name, args);
            }
        };
        return SnowflakeSqlTranslator.translate(sql, noStreams).sql();
    }

    private static final class StatementHandler implements InvocationHandler {
        private final EmulatorSession session;
        private final Statement target;
        private final Connection connection;
        private final List<String> batch = new ArrayList<>();
        private EmulatorSession.Outcome last;

        StatementHandler(EmulatorSession session, Statement target, Connection connection) {
            this.session = session;
            this.target = target;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "execute" -> {
                    last = session.execute((String) args[0], target);
                    return last.resultSet();
                }
                case "executeQuery" -> {
                    last = session.execute((String) args[0], target);
                    if (!last.resultSet()) {
                        throw new SQLException("The statement returned no result set: " + args[0]);
                    }
                    return target.getResultSet();
                }
                case "executeUpdate", "executeLargeUpdate" -> {
                    last = session.execute((String) args[0], target);
                    // a MERGE answers with a result set and a count
                    long count = Math.max(last.updateCount(), 0);
                    return method.getName().equals("executeUpdate") ? (Object) (int) count : (Object) count;
                }
                case "getResultSet" -> {
                    return last != null && last.resultSet() ? target.getResultSet() : null;
                }
                case "getUpdateCount" -> {
                    return last == null || last.resultSet() ? -1 : (int) last.updateCount();
                }
                case "getLargeUpdateCount" -> {
                    return last == null || last.resultSet() ? -1L : last.updateCount();
                }
                case "getMoreResults" -> {
                    last = null;
                    return false;
                }
                case "addBatch" -> {
                    batch.add((String) args[0]);
                    return null;
                }
                case "clearBatch" -> {
                    batch.clear();
                    return null;
                }
                case "executeBatch" -> {
                    int[] counts = new int[batch.size()];
                    for (int i = 0; i < batch.size(); i++) {
                        EmulatorSession.Outcome outcome = session.execute(batch.get(i), target);
                        counts[i] = outcome.resultSet() ? Statement.SUCCESS_NO_INFO : (int) outcome.updateCount();
                    }
                    batch.clear();
                    return counts;
                }
                case "getConnection" -> {
                    return connection;
                }
                default -> {
                    return invokeTarget(target, method, args);
                }
            }
        }
    }

    private static Object invokeTarget(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
