package dev.myelin.postgres;

/**
 * Thrown when the PostgreSQL event store cannot reach or use the database; wraps the
 * {@link java.sql.SQLException} and names its SQLSTATE. A failed expectation is never this: it is an
 * {@link dev.myelin.data.AggregateConflictException}.
 *
 * @since 0.1
 */
public final class EventStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the database failure
     */
    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
