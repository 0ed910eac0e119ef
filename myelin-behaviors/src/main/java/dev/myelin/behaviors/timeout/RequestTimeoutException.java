package dev.myelin.behaviors.timeout;

import java.time.Duration;

/**
 * Thrown by {@link TimeoutBehavior} when a request whose result type is not an
 * {@code OperationResult} runs past its deadline. (A request returning an
 * {@code OperationResult} gets a 503 result instead.) The handler has been interrupted and may
 * still be finishing on its worker thread.
 *
 * @since 0.1
 */
public class RequestTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String requestType;
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param requestType the name of the request type that timed out
     * @param timeout the deadline it exceeded
     */
    public RequestTimeoutException(String requestType, Duration timeout) {
        super(requestType + " did not complete within " + timeout);
        this.requestType = requestType;
        this.timeout = timeout;
    }

    /**
     * Returns the name of the request type that timed out.
     *
     * @return the fully qualified class name
     */
    public String requestType() {
        return requestType;
    }

    /**
     * Returns the deadline that was exceeded.
     *
     * @return the deadline
     */
    public Duration timeout() {
        return timeout;
    }
}
