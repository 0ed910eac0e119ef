package dev.myelin.examples.pizzeria.orders.events;

import dev.myelin.examples.pizzeria.orders.OrderStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * Every pizza of an order is ready: it waits for a driver.
 *
 * @param orderId the order
 * @param at when
 * @since 0.1
 */
public record OrderReady(String orderId, Instant at) implements OrderEvent {

    @Override
    public Optional<OrderStatus> resultingStatus() {
        return Optional.of(OrderStatus.READY);
    }
}
