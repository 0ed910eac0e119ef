package dev.myelin.spring.boot.data;

import dev.myelin.behaviors.transaction.JdbcTransactionRunner;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections join the {@link JdbcTransactionRunner}'s transaction when one
 * is active on the calling thread, and come from the target data source otherwise. JDBC code that only
 * knows a {@code DataSource} (Spring's {@code JdbcTemplate} and {@code JdbcClient}, jOOQ, MyBatis)
 * thereby writes in the command's transaction: a projection or a handler's read-model update commits
 * or rolls back with the command's events.
 *
 * <pre>{@code
 * JdbcClient jdbc = JdbcClient.create(new TransactionAwareDataSource(dataSource, transactions));
 * }</pre>
 *
 * <p>The starter's {@code JdbcTemplate} bean (and so Spring Boot's {@code NamedParameterJdbcTemplate}
 * and {@code JdbcClient} beans built on it) already uses one.
 *
 * <p><b>Inside a transaction.</b> {@code getConnection()} returns the transaction's connection behind a
 * proxy whose {@code close()} does nothing (the runner closes it at the end of the transaction) and whose
 * {@code commit()}, {@code rollback()} and {@code setAutoCommit()} throw {@link IllegalStateException}:
 * the runner alone ends its transactions. Thread-safe.
 *
 * @since 0.1
 */
public final class TransactionAwareDataSource implements DataSource {

    private static final Set<String> FORBIDDEN = Set.of("commit", "rollback", "setAutoCommit");

    private final DataSource target;
    private final JdbcTransactionRunner transactions;

    /**
     * Wraps a data source.
     *
     * @param target where connections come from outside transactions; the runner's own data source
     * @param transactions the runner whose transactions connections join
     */
    public TransactionAwareDataSource(DataSource target, JdbcTransactionRunner transactions) {
        this.target = Objects.requireNonNull(target, "target");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * Returns the wrapped data source.
     *
     * @return the target
     */
    public DataSource target() {
        return target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (transactions.isActive()) {
            return joined(transactions.currentConnection());
        }
        return target.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        if (transactions.isActive()) {
            return joined(transactions.currentConnection());
        }
        return target.getConnection(username, password);
    }

    private static Connection joined(Connection connection) {
        InvocationHandler handler = new JoinedConnection(connection);
        return (Connection) Proxy.newProxyInstance(TransactionAwareDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }

    /** The runner's connection, which callers may use but not close, commit or roll back. */
    private static final class JoinedConnection implements InvocationHandler {
        private final Connection connection;
        private boolean closed;

        JoinedConnection(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "close":
                    closed = true;
                    return null;
                case "isClosed":
                    return closed || connection.isClosed();
                case "equals":
                    return proxy == arguments[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "Connection of the active JdbcTransactionRunner transaction: " + connection;
                default:
                    break;
            }
            if ("setAutoCommit".equals(name) && arguments[0].equals(connection.getAutoCommit())) {
                return null;
            }
            if (FORBIDDEN.contains(name)) {
                throw new IllegalStateException("Connection." + name + " is not allowed on a connection joined to a "
                        + "JdbcTransactionRunner transaction: the runner commits or rolls it back when the command ends");
            }
            if (closed) {
                throw new SQLException("The connection handle is closed");
            }
            try {
                return method.invoke(connection, arguments);
            } catch (InvocationTargetException failure) {
                throw failure.getCause();
            }
        }
    }
}
