package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.examples.pizzeria.orders.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order's status, as {@link GetOrderStatus} answers it.
 *
 * @param orderId the order
 * @param status its status
 * @param customerName who ordered
 * @param itemsCount how many pizzas
 * @param totalAmount what it costs
 * @param paymentStatus {@code paid}, {@code due} (cash on delivery), {@code refunded} or {@code cancelled}
 * @param estimatedReadyTime when it should be ready
 * @param updatedAt when it last changed
 * @since 0.1
 */
public record OrderStatusDto(String orderId, OrderStatus status, String customerName, int itemsCount, BigDecimal totalAmount,
        String paymentStatus, Instant estimatedReadyTime, Instant updatedAt) {
}
