package dev.myelin.behaviors.idempotency;

/**
 * Thrown by {@link IdempotencyBehavior} when a command arrives with an idempotency key already used
 * by a different request (another fingerprint). Commands whose result type is an
 * {@code OperationResult} get a 422 result instead. The handler did not run; the client must use a
 * new key for a new request.
 *
 * @since 0.1
 */
public class IdempotencyKeyReusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient IdempotencyKey key;

    /**
     * Creates the exception.
     *
     * @param key the key used before with another request
     */
    public IdempotencyKeyReusedException(IdempotencyKey key) {
        super("The idempotency key '" + key.value() + "' of a " + key.requestType()
                + " was already used with a different request");
        this.key = key;
    }

    /**
     * Returns the key used before with another request.
     *
     * @return the key; {@code null} after deserialization
     */
    public IdempotencyKey key() {
        return key;
    }
}
