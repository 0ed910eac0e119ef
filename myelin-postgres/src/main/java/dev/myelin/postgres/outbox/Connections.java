package dev.myelin.postgres.outbox;

import dev.myelin.behaviors.transaction.JdbcTransactionRunner;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs SQL on the connection of the runner's active transaction, or on a connection of its own in
 * auto-commit mode when none is active.
 */
final class Connections {

    /** Work on a connection. */
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final JdbcTransactionRunner transactions;

    Connections(DataSource dataSource, JdbcTransactionRunner transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    boolean inTransaction() {
        return transactions.current().isPresent();
    }

    <T> T run(String what, Work<T> work) {
        try {
            if (inTransaction()) {
                return work.on(transactions.currentConnection());
            }
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                return work.on(connection);
            }
        } catch (SQLException failure) {
            throw failed(what, failure);
        }
    }

    /** Runs the work in a transaction: the active one, or one of its own committed at the end. */
    <T> T runInTransaction(String what, Work<T> work) {
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
            throw failed(what, failure);
        }
    }

    static OutboxStoreException failed(String what, SQLException failure) {
        return new OutboxStoreException("Cannot " + what + " (SQLSTATE " + failure.getSQLState() + ")", failure);
    }
}
