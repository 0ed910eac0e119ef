package dev.myelin.behaviors.idempotency;

/**
 * Thrown by {@link IdempotencyBehavior} when a command arrives while an earlier command with the
 * same idempotency key is still running, and the earlier one does not finish within the wait.
 * Commands whose result type is an {@code OperationResult} get a 409 result instead. The client
 * may retry later with the same key and will then get the first command's result.
 *
 * @since 0.1
 */
public class IdempotencyConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient IdempotencyKey key;

    /**
     * Creates the exception.
     *
     * @param key the key of the command still in flight
     */
    public IdempotencyConflictException(IdempotencyKey key) {
        super("A " + key.requestType() + " with idempotency key '" + key.value() + "' is still in progress");
        this.key = key;
    }

    /**
     * Returns the key of the command still in flight.
     *
     * @return the key; {@code null} after deserialization
     */
    public IdempotencyKey key() {
        return key;
    }
}
