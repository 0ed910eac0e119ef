package dev.myelin.core;

/**
 * Maps an exception thrown by a handler or a behavior to an {@link OperationResult}.
 *
 * <p>Applies to requests whose result type is {@code OperationResult}. The mediator picks the
 * handler registered for the nearest type in the exception's class hierarchy. An exception that
 * no handler maps becomes a 500 result whose detail reveals nothing of the exception (it is
 * logged once, with its stack trace). For other result types exceptions propagate unchanged.
 *
 * @param <X> the exception type handled, with its subtypes
 * @since 0.1
 */
@FunctionalInterface
public interface ExceptionHandler<X extends Exception> {

    /**
     * Maps the exception.
     *
     * @param exception the exception thrown while handling {@code request}
     * @param request the request being handled
     * @return the result to return to the sender, never {@code null}
     */
    OperationResult<?> handle(X exception, Request<?> request);
}
