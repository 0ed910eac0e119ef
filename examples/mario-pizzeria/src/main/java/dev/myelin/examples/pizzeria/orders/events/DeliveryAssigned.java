package dev.myelin.examples.pizzeria.orders.events;

import java.time.Instant;

/**
 * A ready order was given to a driver.
 *
 * @param orderId the order
 * @param driverId the driver
 * @param at when
 * @since 0.1
 */
public record DeliveryAssigned(String orderId, String driverId, Instant at) implements OrderEvent {
}
