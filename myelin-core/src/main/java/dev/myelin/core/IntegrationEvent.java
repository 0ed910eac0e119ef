package dev.myelin.core;

/**
 * An event meant for other services or instances, with a stable, versioned shape. Integration
 * events are the ones a relay carries to a message broker.
 *
 * @since 0.1
 */
public interface IntegrationEvent extends Event {
}
