package dev.myelin.examples.pizzeria.orders.events;

import dev.myelin.examples.pizzeria.orders.OrderStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * A driver left with an order.
 *
 * @param orderId the order
 * @param driverId the driver taking it
 * @param at when
 * @since 0.1
 */
public record OrderOutForDelivery(String orderId, String driverId, Instant at) implements OrderEvent {

    @Override
    public Optional<OrderStatus> resultingStatus() {
        return Optional.of(OrderStatus.OUT_FOR_DELIVERY);
    }
}
