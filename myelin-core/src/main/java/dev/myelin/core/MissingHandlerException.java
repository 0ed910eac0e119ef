package dev.myelin.core;

/**
 * Thrown when a request is sent whose type has no handler.
 *
 * @since 0.1
 */
public final class MissingHandlerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Class<?> requestType;

    /**
     * Creates the exception.
     *
     * @param requestType the request type that has no handler
     */
    public MissingHandlerException(Class<?> requestType) {
        super("No handler is registered for request type " + requestType.getName()
                + ". Register one with Mediator.builder().handler(...), or implement RequestHandler<"
                + requestType.getSimpleName() + ", R> and compile with myelin-processor so that "
                + "Mediator.builder().discover(...) finds it.");
        this.requestType = requestType;
    }

    /**
     * Returns the request type that has no handler.
     *
     * @return the request type
     */
    public Class<?> requestType() {
        return requestType;
    }
}
