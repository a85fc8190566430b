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
import java.util.Set;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * The embedded warehouse's JDBC layer: a {@link DataSource} whose connections take Snowflake SQL and run it on
 * DuckDB. Every statement text that enters through {@code execute*}, {@code addBatch}, {@code prepareStatement} or
 * {@code prepareCall} goes through {@link SnowflakeSqlTranslator}; everything else is DuckDB's own JDBC driver.
 */
public final class TranslatingDataSource implements DataSource {

    /** Opens a fresh DuckDB connection already set to the session's current database and schema. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private static final Set<String> STATEMENT_METHODS_WITH_SQL = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "addBatch");

    private final ConnectionFactory factory;
    private PrintWriter logWriter;
    private int loginTimeout;

    public TranslatingDataSource(ConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection duck = factory.open();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                new ConnectionHandler(duck));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    private static final class ConnectionHandler implements InvocationHandler {
        private final Connection target;

        ConnectionHandler(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if ((name.equals("prepareStatement") || name.equals("prepareCall") || name.equals("nativeSQL"))
                    && args != null && args[0] instanceof String sql) {
                args[0] = SnowflakeSqlTranslator.translate(sql);
            }
            Object result = invokeTarget(target, method, args);
            // DuckDB's createStatement() returns a PreparedStatement, so the proxy exposes only Statement
            if (name.equals("createStatement") && result instanceof Statement statement) {
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Statement.class},
                        new StatementHandler(statement, (Connection) proxy));
            }
            return result;
        }
    }

    private static final class StatementHandler implements InvocationHandler {
        private final Statement target;
        private final Connection connection;

        StatementHandler(Statement target, Connection connection) {
            this.target = target;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (STATEMENT_METHODS_WITH_SQL.contains(method.getName()) && args != null && args[0] instanceof String sql) {
                args[0] = SnowflakeSqlTranslator.translate(sql);
            }
            if (method.getName().equals("getConnection")) {
                return connection;
            }
            return invokeTarget(target, method, args);
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
