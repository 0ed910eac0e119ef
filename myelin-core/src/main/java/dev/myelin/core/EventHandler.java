package dev.myelin.core;

/**
 * Handles events of type {@code E} and of every subtype of {@code E}.
 *
 * <p>Handlers of one event run in registration order (discovered handlers: in index order)
 * under the mediator's {@link dev.myelin.core.publish.PublishStrategy}. Handlers are singletons
 * by default and must be thread-safe.
 *
 * @param <E> the event type; an interface or supertype receives all its subtypes
 * @since 0.1
 */
@FunctionalInterface
public interface EventHandler<E extends Event> {

    /**
     * Handles the event. An exception is reported to the publisher as the publish strategy says.
     *
     * @param event the event, never {@code null}
     */
    void handle(E event);
}
