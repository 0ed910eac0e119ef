package dev.myelin.examples.pizzeria.orders.events;

import dev.myelin.core.DomainEvent;
import dev.myelin.examples.pizzeria.orders.OrderStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * An event of an order's life, published to the other features (kitchen, delivery, customers,
 * analytics, notifications), which build their read models from it.
 *
 * @since 0.1
 */
public interface OrderEvent extends DomainEvent {

    /**
     * Returns the order concerned.
     *
     * @return its id
     */
    String orderId();

    /**
     * Returns when it happened.
     *
     * @return the instant
     */
    Instant at();

    /**
     * Returns the order's status after this event, for events that change it.
     *
     * @return the new status, or empty
     */
    default Optional<OrderStatus> resultingStatus() {
        return Optional.empty();
    }
}
