package dev.myelin.core;

/**
 * A notification that something happened, published to any number of {@link EventHandler}s
 * (zero included). Named in the past tense, such as {@code OrderPlaced}.
 *
 * <p>An event handler declared for a supertype or an interface receives every event that is an
 * instance of it: a handler of {@code Event} sees all events.
 *
 * @since 0.1
 */
public interface Event {
}
