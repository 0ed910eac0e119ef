package dev.myelin.examples.pizzeria.orders.events;

import java.time.Instant;

/**
 * One pizza of an order came out of the oven.
 *
 * @param orderId the order
 * @param pizzaIndex the pizza's position in the order, from 0
 * @param pizzaId the pizza
 * @param at when
 * @since 0.1
 */
public record PizzaReady(String orderId, int pizzaIndex, String pizzaId, Instant at) implements OrderEvent {
}
