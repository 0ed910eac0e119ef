package dev.myelin.core;

/**
 * Thrown when a write lost an optimistic-concurrency race: the stored version of what was
 * changed is not the version the writer read. The retry behavior retries it by default; mapped
 * to HTTP 409 when retries are exhausted or not configured.
 *
 * @since 0.1
 */
public class ConcurrencyConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what conflicted, naming the type, id, expected and actual versions
     */
    public ConcurrencyConflictException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what conflicted
     * @param cause the underlying failure, such as a unique-constraint violation
     */
    public ConcurrencyConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
