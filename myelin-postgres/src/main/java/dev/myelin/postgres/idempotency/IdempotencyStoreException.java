package dev.myelin.postgres.idempotency;

/**
 * Thrown when the PostgreSQL idempotency store cannot reach or use the database, or cannot write or
 * read a result as JSON; wraps the cause.
 *
 * @since 0.1
 */
public final class IdempotencyStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the failure
     */
    public IdempotencyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
