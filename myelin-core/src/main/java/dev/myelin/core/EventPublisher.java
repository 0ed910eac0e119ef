package dev.myelin.core;

import java.util.concurrent.CompletableFuture;

/**
 * The publishing role of the {@link Mediator}: fans an event out to every handler of its type,
 * of its supertypes and of its interfaces. Depend on this type when you only publish.
 *
 * @since 0.1
 */
public interface EventPublisher {

    /**
     * Publishes an event to all its handlers, as the mediator's
     * {@link dev.myelin.core.publish.PublishStrategy} says. With no handler it does nothing.
     * Sequential strategies allocate nothing of the mediator's own when no
     * {@link RequestContext} is bound.
     *
     * @param event the event
     * @throws dev.myelin.core.publish.PublishException when handlers failed, per the strategy
     * @throws NullPointerException when {@code event} is {@code null}, with the message of
     *     {@link #publishAsync}: "event must not be null"
     */
    void publish(Event event);

    /**
     * Publishes an event on the mediator's executor, with the caller's {@link RequestContext}.
     *
     * @param event the event
     * @return a future completed when every handler has run, or exceptionally as
     *     {@link #publish} would throw
     */
    CompletableFuture<Void> publishAsync(Event event);
}
