package dev.myelin.core;

/**
 * A message sent through the {@link Mediator} to exactly one {@link RequestHandler}, producing a
 * result of type {@code R}.
 *
 * <p>Do not implement this directly: a request is either a {@link Command} (it changes state) or
 * a {@link Query} (it only reads). Requests should be records, so that they are immutable and
 * compare by value (the caching behavior keys on that equality).
 *
 * @param <R> the type of the result, often {@code OperationResult<SomeDto>}
 * @since 0.1
 */
public interface Request<R> {

    /**
     * Returns the raw result type a request type declares through {@code Request<R>}, resolved
     * through its interfaces and superclasses. Uses reflection: call it once per type (when a
     * behavior decides whether it applies), not per request.
     *
     * @param requestType the request type, such as {@code PlaceOrder.class}
     * @return the raw result type, such as {@code OperationResult.class}; {@code Object.class}
     *     when the type leaves it open
     */
    static Class<?> resultType(Class<?> requestType) {
        return dev.myelin.core.internal.RequestTypes.resultType(requestType);
    }
}
