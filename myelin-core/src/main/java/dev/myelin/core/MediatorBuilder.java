package dev.myelin.core;

import dev.myelin.core.publish.PublishStrategy;
import dev.myelin.core.spi.HandlerFactory;
import dev.myelin.core.stream.StreamBehavior;
import dev.myelin.core.stream.StreamQueryHandler;
import java.util.concurrent.ExecutorService;

/**
 * Collects handlers, behaviors and settings, then builds a {@link Mediator}. Registrations that
 * name no type have their type arguments resolved from their class; a lambda or a raw type
 * cannot be resolved and is reported by {@link #build()}. Not thread-safe.
 *
 * @since 0.1
 */
public interface MediatorBuilder {

    /**
     * Registers a request handler; the request type is read from its type arguments.
     *
     * @param handler the handler
     * @return this builder
     */
    MediatorBuilder handler(RequestHandler<?, ?> handler);

    /**
     * Registers a request handler for an explicit request type (for lambdas).
     *
     * @param requestType the request type
     * @param handler the handler
     * @param <Q> the request type
     * @param <R> the result type
     * @return this builder
     */
    <Q extends Request<R>, R> MediatorBuilder handler(Class<Q> requestType, RequestHandler<Q, R> handler);

    /**
     * Registers an event handler; the event type is read from its type arguments.
     *
     * @param handler the handler
     * @return this builder
     */
    MediatorBuilder eventHandler(EventHandler<?> handler);

    /**
     * Registers an event handler for an explicit event type (for lambdas).
     *
     * @param eventType the event type; its subtypes are delivered too
     * @param handler the handler
     * @param <E> the event type
     * @return this builder
     */
    <E extends Event> MediatorBuilder eventHandler(Class<E> eventType, EventHandler<? super E> handler);

    /**
     * Registers a pipeline behavior; its scope is read from its type arguments.
     *
     * @param behavior the behavior
     * @return this builder
     */
    MediatorBuilder behavior(PipelineBehavior<?, ?> behavior);

    /**
     * Registers a pipeline behavior for an explicit scope (for lambdas): it wraps the request
     * types that are subtypes of {@code scope}, whatever their result type.
     *
     * @param scope the request types to wrap, such as {@code Command.class}
     * @param behavior the behavior
     * @return this builder
     */
    MediatorBuilder behavior(Class<?> scope, PipelineBehavior<?, ?> behavior);

    /**
     * Registers an exception handler; the exception type is read from its type arguments.
     *
     * @param handler the handler
     * @return this builder
     */
    MediatorBuilder exceptionHandler(ExceptionHandler<?> handler);

    /**
     * Registers an exception handler for an explicit exception type (for lambdas).
     *
     * @param exceptionType the exception type; its subtypes are handled too
     * @param handler the handler
     * @param <X> the exception type
     * @return this builder
     */
    <X extends Exception> MediatorBuilder exceptionHandler(Class<X> exceptionType, ExceptionHandler<? super X> handler);

    /**
     * Registers a streaming query handler; the query type is read from its type arguments.
     *
     * @param handler the handler
     * @return this builder
     */
    MediatorBuilder streamHandler(StreamQueryHandler<?, ?> handler);

    /**
     * Registers a streaming behavior; its scope is read from its type arguments.
     *
     * @param behavior the behavior
     * @return this builder
     */
    MediatorBuilder streamBehavior(StreamBehavior<?, ?> behavior);

    /**
     * Registers everything listed in the compile-time indexes on the class path (written by
     * {@code myelin-processor}), found with {@link java.util.ServiceLoader}. No class path
     * scanning happens at run time. Instances are created by {@link #build()} with the
     * {@link #handlerFactory} set by then, so the order of the two calls does not matter.
     *
     * @param classLoader the class loader to search
     * @return this builder
     */
    MediatorBuilder discover(ClassLoader classLoader);

    /**
     * Sets how discovered types are instantiated. The default calls the no-arg constructor
     * recorded in the index (any non-private one) and reports types that have none.
     *
     * @param factory the factory
     * @return this builder
     */
    MediatorBuilder handlerFactory(HandlerFactory factory);

    /**
     * Sets how events fan out to their handlers.
     *
     * @param strategy the strategy; {@link PublishStrategy#stopOnFirstError()} by default
     * @return this builder
     */
    MediatorBuilder publishStrategy(PublishStrategy strategy);

    /**
     * Sets the executor for {@code sendAsync}, {@code publishAsync} and parallel publishing. The
     * mediator does not shut a supplied executor down.
     *
     * @param executor the executor; by default virtual threads where the JVM has them, otherwise
     *     a bounded pool of daemon threads
     * @return this builder
     */
    MediatorBuilder executor(ExecutorService executor);

    /**
     * Validates every registration and builds the mediator.
     *
     * @return the mediator
     * @throws MediatorConfigurationException listing every problem found
     */
    Mediator build();
}
