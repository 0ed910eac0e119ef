package dev.myelin.bench;

import dev.myelin.core.Event;

/**
 * The event of the publish benchmarks, published to Myelin's event handlers and, as a payload, to
 * Spring's {@code @EventListener}.
 *
 * @param orderId the order placed
 */
record OrderPlaced(String orderId) implements Event {
}
