package dev.myelin.core;

/**
 * Handles one type of request. Each request type has exactly one handler; the mediator reports a
 * duplicate handler, and a missing one for the request types it knows are declared (see
 * {@link MediatorBuilder}), when it is built, naming the types.
 *
 * <p>Implement {@link CommandHandler} or {@link QueryHandler} rather than this type, so that the
 * role is visible. Handlers are singletons by default and must be thread-safe: the mediator calls
 * one instance from many threads at once ({@link MediatorBuilder#handlerPerSend} creates one per
 * request instead).
 *
 * @param <Q> the request type
 * @param <R> the result type
 * @since 0.1
 */
@FunctionalInterface
public interface RequestHandler<Q extends Request<R>, R> {

    /**
     * Handles the request.
     *
     * @param request the request, never {@code null}
     * @return the result; for {@link OperationResult} results, never {@code null}: the mediator
     *     turns a {@code null} into an {@link IllegalStateException} naming the handler, which the
     *     exception handlers see like any other (unmapped, it becomes a 500 result)
     */
    R handle(Q request);
}
