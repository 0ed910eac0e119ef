package dev.myelin.data.transaction;

/**
 * Thrown when a transaction cannot begin, commit or roll back, for example because the database
 * connection was lost; the cause is the underlying failure. Whether a commit that failed took
 * effect is unknown to the caller.
 *
 * @since 0.1
 */
public class TransactionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying failure, or {@code null}
     */
    public TransactionException(String message, Throwable cause) {
        super(message, cause);
    }
}
