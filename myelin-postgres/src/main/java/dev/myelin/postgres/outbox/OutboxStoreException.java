package dev.myelin.postgres.outbox;

/**
 * Thrown when the PostgreSQL outbox or inbox cannot reach or use the database; wraps the
 * {@link java.sql.SQLException} and names its SQLSTATE.
 *
 * @since 0.1
 */
public final class OutboxStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the database failure
     */
    public OutboxStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    static OutboxStoreException of(String what, java.sql.SQLException failure) {
        return new OutboxStoreException("Cannot " + what + " (SQLSTATE " + failure.getSQLState() + ")", failure);
    }
}
