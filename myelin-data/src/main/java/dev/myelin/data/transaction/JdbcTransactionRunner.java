package dev.myelin.data.transaction;

import dev.myelin.core.ConcurrencyConflictException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A {@link TransactionRunner} over a plain JDBC {@link DataSource}, for applications without Spring:
 * each transaction takes one connection from the data source, turns auto-commit off, and binds the
 * connection to the thread, where stores find it through the {@link CurrentConnection} port this
 * runner implements ({@link #get()}), and repositories with {@link #currentConnection()}.
 *
 * <pre>{@code
 * JdbcTransactionRunner transactions = new JdbcTransactionRunner(dataSource);
 * Mediator mediator = Mediator.builder()
 *         .handler(new PlaceOrderHandler(new JdbcOrders(transactions)))
 *         .behavior(TransactionBehavior.of(transactions))
 *         .build();
 *
 * // in the repository
 * try (PreparedStatement insert = transactions.currentConnection().prepareStatement(INSERT_ORDER)) { ... }
 * // PostgreSQL stores take it as both the runner and the connection port
 * PostgresEventStore events = PostgresEventStore.builder(dataSource, transactions, transactions, serializer).build();
 * }</pre>
 *
 * <p><b>Transaction scope.</b> One connection per outermost transaction; joined work uses the same
 * connection. At the end the connection is committed or rolled back, its auto-commit setting is
 * restored and it is closed (returned to the pool). A commit that PostgreSQL rejects as a
 * serialization failure or deadlock (SQLSTATE 40001 or 40P01) is thrown as a
 * {@link ConcurrencyConflictException}, so that the retry behavior can run the command again in a
 * fresh transaction; other failures are thrown as {@link TransactionException}.
 *
 * <p>Thread-safe; each transaction and its connection are confined to the thread that began it.
 *
 * @since 0.1
 */
public final class JdbcTransactionRunner implements TransactionRunner, CurrentConnection {

    private final ThreadBoundTransactions<Bound> transactions;

    /**
     * Creates a runner over a data source.
     *
     * @param dataSource where connections come from; a pool in production
     */
    public JdbcTransactionRunner(DataSource dataSource) {
        this.transactions = new ThreadBoundTransactions<>(new Connections(Objects.requireNonNull(dataSource, "dataSource")));
    }

    @Override
    public <T> T inTransaction(Supplier<T> work, Predicate<? super T> commitWhen) {
        return transactions.run(work, commitWhen);
    }

    @Override
    public Optional<UnitOfWork> current() {
        return transactions.current();
    }

    @Override
    public boolean isActive() {
        return transactions.isActive();
    }

    @Override
    public void afterCommit(Runnable callback) {
        transactions.afterCommit(callback);
    }

    @Override
    public Connection get() {
        Bound bound = transactions.currentResource();
        return bound == null ? null : bound.connection();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: when the outermost call ends, after the connection was committed or rolled back and
     * returned to the pool, on every path (a commit or rollback that failed, a release that failed).
     * This runner makes no savepoints; one set on the connection by hand and rolled back is not seen.
     */
    @Override
    public boolean onTransactionEnd(Runnable callback) {
        return transactions.onEnd(callback);
    }

    /**
     * Returns the connection of the transaction active on the current thread. Do not commit, roll
     * back or close it: the runner does that when the outermost call ends.
     *
     * @return the bound connection
     * @throws IllegalStateException when no transaction is active on the current thread
     */
    public Connection currentConnection() {
        Bound bound = transactions.currentResource();
        if (bound == null) {
            throw new IllegalStateException("No transaction is active on this thread: call currentConnection() from "
                    + "code running in JdbcTransactionRunner.inTransaction (a command handler under TransactionBehavior)");
        }
        return bound.connection();
    }

    /** A connection and the auto-commit setting to restore. */
    private record Bound(Connection connection, boolean autoCommitBefore) {
    }

    private static final class Connections implements ThreadBoundTransactions.Resource<Bound> {
        private final DataSource dataSource;

        Connections(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Bound begin() {
            Connection connection;
            try {
                connection = dataSource.getConnection();
            } catch (SQLException failure) {
                throw new TransactionException("Cannot begin a transaction: no connection (SQLSTATE "
                        + failure.getSQLState() + ")", failure);
            }
            try {
                boolean autoCommit = connection.getAutoCommit();
                if (autoCommit) {
                    connection.setAutoCommit(false);
                }
                return new Bound(connection, autoCommit);
            } catch (SQLException failure) {
                try {
                    connection.close();
                } catch (SQLException closeFailure) {
                    failure.addSuppressed(closeFailure);
                }
                throw new TransactionException("Cannot begin a transaction: auto-commit cannot be turned off", failure);
            }
        }

        @Override
        public void commit(Bound bound) {
            try {
                bound.connection().commit();
            } catch (SQLException failure) {
                String state = failure.getSQLState();
                if ("40001".equals(state) || "40P01".equals(state)) {
                    throw new ConcurrencyConflictException("The transaction could not be committed (SQLSTATE " + state
                            + "): it conflicted with a concurrent transaction", failure);
                }
                throw new TransactionException("Cannot commit the transaction (SQLSTATE " + state + ")", failure);
            }
        }

        @Override
        public void rollback(Bound bound) {
            try {
                bound.connection().rollback();
            } catch (SQLException failure) {
                throw new TransactionException("Cannot roll the transaction back (SQLSTATE " + failure.getSQLState()
                        + ")", failure);
            }
        }

        @Override
        public void release(Bound bound) {
            Connection connection = bound.connection();
            try {
                if (bound.autoCommitBefore()) {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException failure) {
                // A connection whose state cannot be restored must still go back to the pool, which resets it.
                throw new TransactionException("Cannot restore auto-commit", failure);
            } finally {
                try {
                    connection.close();
                } catch (SQLException closeFailure) {
                    throw new TransactionException("Cannot close the connection", closeFailure);
                }
            }
        }
    }
}
