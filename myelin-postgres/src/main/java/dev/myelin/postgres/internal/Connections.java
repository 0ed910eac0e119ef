package dev.myelin.postgres.internal;

import dev.myelin.data.transaction.CurrentConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BiFunction;
import javax.sql.DataSource;

/**
 * Runs SQL on the connection of the caller's active transaction (the {@link CurrentConnection} port), or
 * on a connection of its own in auto-commit mode when none is active: how every PostgreSQL store joins the caller's unit of work.
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
    private final CurrentConnection current;
    private final BiFunction<String, SQLException, RuntimeException> failures;

    /**
     * Creates the helper.
     *
     * @param dataSource where connections come from outside transactions
     * @param current the connection of the caller's transaction, which work joins
     * @param failures turns "what was being done" and the SQL failure into the exception to throw
     */
    public Connections(DataSource dataSource, CurrentConnection current,
            BiFunction<String, SQLException, RuntimeException> failures) {
        this.dataSource = dataSource;
        this.current = current;
        this.failures = failures;
    }

    /**
     * Returns whether a transaction is active on this thread.
     *
     * @return whether work joins a transaction
     */
    public boolean inTransaction() {
        return current.get() != null;
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
            Connection joined = current.get();
            if (joined != null) {
                return work.on(joined);
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
