package dev.myelin.postgres;

/**
 * Thrown when a PostgreSQL component of Myelin other than the event store (checkpoints, leases,
 * read-model tables, snapshots, documents) cannot reach or use the database; wraps the
 * {@link java.sql.SQLException} and names its SQLSTATE. A failed version check is never this: it is
 * an {@link dev.myelin.data.AggregateConflictException}.
 *
 * @since 0.1
 */
public final class PostgresAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the database failure
     */
    public PostgresAccessException(String message, java.sql.SQLException cause) {
        super(message + " (SQLSTATE " + cause.getSQLState() + ")", cause);
    }
}
