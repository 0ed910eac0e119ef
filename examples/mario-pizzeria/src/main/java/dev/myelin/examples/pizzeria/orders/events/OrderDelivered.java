package dev.myelin.examples.pizzeria.orders.events;

import dev.myelin.examples.pizzeria.orders.OrderStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * An order reached its customer.
 *
 * @param orderId the order
 * @param driverId the driver who delivered it
 * @param at when
 * @since 0.1
 */
public record OrderDelivered(String orderId, String driverId, Instant at) implements OrderEvent {

    @Override
    public Optional<OrderStatus> resultingStatus() {
        return Optional.of(OrderStatus.DELIVERED);
    }
}
