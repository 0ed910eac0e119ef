package dev.myelin.data.transaction;

/**
 * Thrown by the outermost call of a transaction whose own result would have committed, but which
 * was rolled back because a joined call (a command sent from inside another command's handler)
 * failed or threw. Nothing of the transaction was committed. The cause is the exception thrown by
 * the joined call, if it threw.
 *
 * <p>For commands returning an {@code OperationResult}, the mediator maps it like any other
 * exception: to a 500 result unless an exception handler for this type is registered (map it to
 * 409 if callers should retry).
 *
 * @since 0.1
 */
public class TransactionRolledBackException extends TransactionException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why the transaction was marked rollback-only
     * @param cause the exception thrown by the joined call, or {@code null}
     */
    public TransactionRolledBackException(String message, Throwable cause) {
        super(message, cause);
    }
}
