package dev.myelin.examples.pizzeria.kitchen;

import java.time.Instant;
import java.util.List;

/**
 * The kitchen queue.
 *
 * @param orders the orders, first in first out
 * @param pizzasInQueue the pizzas of those orders not yet ready
 * @since 0.1
 */
public record KitchenQueueDto(List<Ticket> orders, int pizzasInQueue) {

    /**
     * One order in the queue.
     *
     * @param orderId the order
     * @param customerName who ordered
     * @param status {@code pending}, {@code confirmed} or {@code cooking}
     * @param orderTime when it was placed
     * @param estimatedReadyTime when it should be ready
     * @param pizzaCount how many pizzas
     * @param pizzasReady how many of them are ready
     * @param totalPrepTime the pizzas' preparation minutes, summed
     * @param pizzas what to make, such as {@code large Margherita + extra_cheese}
     * @param specialInstructions the customers' instructions
     * @param kitchenStaffId who cooks it, once cooking started
     * @since 0.1
     */
    public record Ticket(String orderId, String customerName, String status, Instant orderTime, Instant estimatedReadyTime,
            int pizzaCount, int pizzasReady, int totalPrepTime, List<String> pizzas, List<String> specialInstructions,
            String kitchenStaffId) {
    }
}
