package dev.myelin.examples.pizzeria.orders.events;

import dev.myelin.examples.pizzeria.orders.OrderStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The pizzeria accepted an order.
 *
 * @param orderId the order
 * @param at when
 * @since 0.1
 */
public record OrderConfirmed(String orderId, Instant at) implements OrderEvent {

    @Override
    public Optional<OrderStatus> resultingStatus() {
        return Optional.of(OrderStatus.CONFIRMED);
    }
}
