package dev.myelin.core;

import dev.myelin.core.stream.StreamQuery;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * The sending role of the {@link Mediator}: routes a request to its one handler through the
 * request type's pipeline. Depend on this type when you only send.
 *
 * @since 0.1
 */
public interface Sender {

    /**
     * Sends a request on the calling thread. This is the fast path: the chain was composed when
     * the mediator was built, and sending allocates nothing of the mediator's own when no
     * {@link RequestContext} is bound.
     *
     * @param request the request
     * @param <R> the result type
     * @return the handler's result, as passed back through the behaviors
     * @throws MissingHandlerException when no handler is registered for the request's type
     * @throws NullPointerException when {@code request} is {@code null}, with the message of every
     *     other form: "request must not be null"
     */
    <R> R send(Request<R> request);

    /**
     * Sends a request on the mediator's executor (virtual threads where the JVM has them,
     * otherwise a bounded pool). The caller's {@link RequestContext} goes with it.
     *
     * @param request the request
     * @param <R> the result type
     * @return a future completed with the result, or exceptionally with what was thrown
     * @throws NullPointerException when {@code request} is {@code null}
     */
    <R> CompletableFuture<R> sendAsync(Request<R> request);

    /**
     * Sends a streaming query on the calling thread; the stream's own behaviors wrap it.
     *
     * @param query the query
     * @param <T> the element type
     * @return the stream of results; close it when the source holds resources
     */
    <T> Stream<T> stream(StreamQuery<T> query);

    /**
     * Sends a streaming query and exposes its elements as a reactive-streams publisher. Each
     * subscriber runs the query once, on the mediator's executor, honouring its demand.
     *
     * @param query the query
     * @param <T> the element type
     * @return a cold publisher of the results
     */
    <T> Flow.Publisher<T> streamPublisher(StreamQuery<T> query);
}
