package dev.myelin.postgres.internal;

import dev.myelin.behaviors.transaction.JdbcTransactionRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BiFunction;
import javax.sql.DataSource;

/**
 * Runs SQL on the connection of the runner's active transaction, or on a connection of its own in
 * auto-commit mode when none is active: how every PostgreSQL store joins the caller's unit of work.
 * A failure becomes the caller's own exception type.
 */
public final class Connections {

    /**
     * Work on a connection.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface Work<T> {

        /**
         * Does the work.
         *
         * @param connection the connection, not to be closed by the work
         * @return the result
         * @throws SQLException when a statement fails
         */
        T on(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final JdbcTransactionRunner transactions;
    private final BiFunction<String, SQLException, RuntimeException> failures;

    /**
     * Creates the helper.
     *
     * @param dataSource where connections come from outside transactions
     * @param transactions the runner whose active transaction work joins
     * @param failures turns "what was being done" and the SQL failure into the exception to throw
     */
    public Connections(DataSource dataSource, JdbcTransactionRunner transactions,
            BiFunction<String, SQLException, RuntimeException> failures) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.failures = failures;
    }

    /**
     * Returns whether the runner has a transaction active on this thread.
     *
     * @return whether work joins a transaction
     */
    public boolean inTransaction() {
        return transactions.current().isPresent();
    }

    /**
     * Runs work on the active transaction's connection, or on a connection of its own in
     * auto-commit mode.
     *
     * @param what what is being done, for the failure's message
     * @param work the work
     * @param <T> the result type
     * @return the work's result
     */
    public <T> T run(String what, Work<T> work) {
        try {
            if (inTransaction()) {
                return work.on(transactions.currentConnection());
            }
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                return work.on(connection);
            }
        } catch (SQLException failure) {
            throw failures.apply(what, failure);
        }
    }

    /**
     * Runs the work in a transaction: the active one, or one of its own committed at the end.
     *
     * @param what what is being done, for the failure's message
     * @param work the work
     * @param <T> the result type
     * @return the work's result
     */
    public <T> T runInTransaction(String what, Work<T> work) {
        if (inTransaction()) {
            return run(what, work);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException failure) {
            throw failures.apply(what, failure);
        }
    }
}
