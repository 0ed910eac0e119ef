package dev.myelin.core;

import dev.myelin.core.publish.PublishStrategy;
import dev.myelin.core.spi.HandlerFactory;
import dev.myelin.core.stream.StreamBehavior;
import dev.myelin.core.stream.StreamQueryHandler;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Collects handlers, behaviors and settings, then builds a {@link Mediator}. Registrations that
 * name no type have their type arguments resolved from their class; a lambda or a raw type
 * cannot be resolved and is reported by {@link #build()}. Not thread-safe.
 *
 * <p><b>What {@link #build()} checks.</b> Every handler and behavior type resolves; no request,
 * stream query or exception type has two handlers (a lambda is named by the place it was
 * registered from); every request type the builder knows is declared has exactly one handler (its
 * own, or that of its nearest registered supertype); every behavior applies to at least one
 * registered type (unless {@link #strictBehaviors} is off). The builder knows a request type is
 * declared when the compile-time index lists it ({@link #discover}) or when
 * {@link #requireHandlersFor} names it. Without either, it cannot know a request type nothing
 * registers: sending one fails with {@link MissingHandlerException}.
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
     * Registers a request handler by its class: {@link #build()} creates the one instance with the
     * {@link #handlerFactory} set by then (by default, its no-arg constructor, called reflectively
     * once). The request type is read from the class's type arguments.
     *
     * @param handlerType the handler class
     * @return this builder
     */
    MediatorBuilder handler(Class<? extends RequestHandler<?, ?>> handlerType);

    /**
     * Registers a handler created anew for every request of {@code requestType} (a per-send scope,
     * for a handler holding per-request state). Each send costs the supplier's call and what it
     * allocates (usually one handler object); a handler registered as an instance costs neither.
     *
     * @param requestType the request type
     * @param handlers called once per send, on the sending thread; must not return {@code null}
     * @param <Q> the request type
     * @param <R> the result type
     * @return this builder
     */
    <Q extends Request<R>, R> MediatorBuilder handlerPerSend(Class<Q> requestType,
            Supplier<? extends RequestHandler<Q, R>> handlers);

    /**
     * Names request types that must each have exactly one handler when the mediator is built, as
     * {@link #discover} does for the request types listed in the compile-time index. The Spring
     * starter passes the request types declared in the application's packages.
     *
     * @param requestTypes concrete request types
     * @return this builder
     */
    MediatorBuilder requireHandlersFor(Collection<? extends Class<?>> requestTypes);

    /**
     * Returns the mediator that {@link #build()} will return, for handlers, behaviors and
     * factories that need to send or publish and are created before it exists. Calls made through
     * it before {@code build()} has returned fail with {@link IllegalStateException}; its
     * {@code close()} does nothing (the caller of {@code build()} owns the mediator). A nested send
     * through it costs one volatile read more than through the built mediator.
     *
     * <pre>{@code
     * MediatorBuilder builder = Mediator.builder();
     * builder.handler(new PlaceOrderHandler(orders, builder.mediator()));
     * }</pre>
     *
     * @return the mediator being built
     */
    Mediator mediator();

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
     * types that are subtypes of {@code scope}, whatever their result type. A lambda states its
     * order with {@link PipelineBehavior#ordered}.
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
     * {@link #handlerFactory} set by then, so the order of the two calls does not matter. The
     * request types the indexes list must each have exactly one handler, registered by discovery
     * or otherwise.
     *
     * @param classLoader the class loader to search
     * @return this builder
     */
    MediatorBuilder discover(ClassLoader classLoader);

    /**
     * Sets how discovered types, and handlers registered by class, are instantiated. The default
     * calls the no-arg constructor (from the index, or found reflectively for a class registered
     * by {@link #handler(Class)}) and reports types that have none.
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
     * Sets whether a behavior (or stream behavior) that applies to no registered type fails
     * {@link #build()}, which is the default, since it is usually a mistake. When off, such
     * behaviors are left out of every chain and logged once as a warning through
     * {@link System.Logger} {@code dev.myelin.core.Mediator}: for a small mediator, such as a
     * test's, that registers a shared set of behaviors.
     *
     * @param strict whether an unused behavior is a build error; {@code true} by default
     * @return this builder
     */
    MediatorBuilder strictBehaviors(boolean strict);

    /**
     * Validates every registration and builds the mediator.
     *
     * @return the mediator
     * @throws MediatorConfigurationException listing every problem found
     */
    Mediator build();
}
