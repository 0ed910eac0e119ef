package dev.myelin.examples.pizzeria.orders.events;

import dev.myelin.examples.pizzeria.orders.OrderStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The kitchen started cooking an order.
 *
 * @param orderId the order
 * @param kitchenStaffId who cooks it
 * @param estimatedCookingTimeMinutes how long the cook expects it to take
 * @param estimatedReadyTime when it should be ready
 * @param at when
 * @since 0.1
 */
public record CookingStarted(String orderId, String kitchenStaffId, int estimatedCookingTimeMinutes, Instant estimatedReadyTime,
        Instant at) implements OrderEvent {

    @Override
    public Optional<OrderStatus> resultingStatus() {
        return Optional.of(OrderStatus.COOKING);
    }
}
