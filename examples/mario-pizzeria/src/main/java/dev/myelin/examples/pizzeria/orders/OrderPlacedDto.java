package dev.myelin.examples.pizzeria.orders;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The answer to {@link PlaceOrder} (201).
 *
 * @param orderId the new order's id
 * @param status {@code pending}
 * @param customerId the customer's id it is filed under
 * @param subtotal the pizzas
 * @param tax the tax
 * @param deliveryFee the delivery fee
 * @param totalAmount what the customer pays
 * @param paymentStatus {@code paid} or {@code due}
 * @param estimatedReadyTime when it should be ready
 * @since 0.1
 */
public record OrderPlacedDto(String orderId, OrderStatus status, String customerId, BigDecimal subtotal, BigDecimal tax,
        BigDecimal deliveryFee, BigDecimal totalAmount, String paymentStatus, Instant estimatedReadyTime) {
}
