package dev.myelin.core;

/**
 * An event recorded by an aggregate inside one bounded context, such as {@code OrderPlaced}.
 * Domain events are committed with the state that raised them and dispatched after commit.
 *
 * @since 0.1
 */
public interface DomainEvent extends Event {
}
