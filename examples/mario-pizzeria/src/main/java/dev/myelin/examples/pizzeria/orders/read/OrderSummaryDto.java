package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.examples.pizzeria.orders.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One order in a list: the denormalised summary.
 *
 * @param orderId the order
 * @param customerId the customer's id
 * @param customerName the customer's name
 * @param status its status
 * @param itemsCount how many pizzas
 * @param totalAmount what it costs
 * @param paymentStatus {@code paid} or {@code due}
 * @param orderDate when it was placed
 * @param estimatedReadyTime when it should be ready
 * @since 0.1
 */
public record OrderSummaryDto(String orderId, String customerId, String customerName, OrderStatus status, int itemsCount,
        BigDecimal totalAmount, String paymentStatus, Instant orderDate, Instant estimatedReadyTime) {
}
