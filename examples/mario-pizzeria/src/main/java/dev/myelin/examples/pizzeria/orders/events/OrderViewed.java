package dev.myelin.examples.pizzeria.orders.events;

import java.time.Instant;

/**
 * The customer looked at the order (the seed's MarkOrderAsViewed, a command, never a query).
 *
 * @param orderId the order
 * @param at when
 * @since 0.1
 */
public record OrderViewed(String orderId, Instant at) implements OrderEvent {
}
