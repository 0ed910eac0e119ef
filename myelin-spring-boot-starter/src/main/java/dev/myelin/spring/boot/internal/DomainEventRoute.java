package dev.myelin.spring.boot.internal;

import dev.myelin.core.DomainEvent;

/**
 * Where the mediator bean sends the domain events it is asked to publish when the data layer is on: the
 * outbox ({@code OutboxDispatcher.publish}), so that an event handler bean has one route and runs once
 * per event. Not API: the data auto-configuration defines it.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface DomainEventRoute {

    /**
     * Publishes a domain event durably.
     *
     * @param event the event
     */
    void publish(DomainEvent event);
}
