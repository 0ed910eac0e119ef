package dev.myelin.core.publish;

import dev.myelin.core.Event;
import dev.myelin.core.EventHandler;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * How one event fans out to its handlers: in sequence or in parallel, and what happens to
 * failures.
 *
 * <p>The built-in strategies are {@link #stopOnFirstError()}, {@link #collectAllErrors()} and
 * {@link #parallel()}. Implementations must be thread-safe and, on the synchronous path, should
 * allocate nothing when no handler fails.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PublishStrategy {

    /**
     * Delivers the event to each handler.
     *
     * @param event the event
     * @param handlers the handlers of the event's type, supertypes and interfaces, in order
     * @param executor the mediator's executor (propagates the request context)
     * @throws RuntimeException as the strategy decides when handlers fail
     */
    void publish(Event event, List<EventHandler<Event>> handlers, Executor executor);

    /**
     * Runs handlers one after another on the caller's thread; the first failure stops the
     * fan-out and is rethrown as it is. Handlers after it do not run.
     *
     * @return the strategy
     */
    static PublishStrategy stopOnFirstError() {
        return Sequential.STOP_ON_FIRST_ERROR;
    }

    /**
     * Runs every handler one after another on the caller's thread, even when some fail; then
     * throws one {@link PublishException} carrying every failure, if any.
     *
     * @return the strategy
     */
    static PublishStrategy collectAllErrors() {
        return Sequential.COLLECT_ALL_ERRORS;
    }

    /**
     * Runs every handler at once on the mediator's executor and waits for all of them; then
     * throws one {@link PublishException} carrying every failure, if any.
     *
     * @return the strategy
     */
    static PublishStrategy parallel() {
        return Parallel.INSTANCE;
    }
}
