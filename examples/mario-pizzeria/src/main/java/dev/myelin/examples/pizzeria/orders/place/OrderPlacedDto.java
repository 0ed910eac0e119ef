package dev.myelin.examples.pizzeria.orders.place;

import dev.myelin.examples.pizzeria.orders.OrderStatus;
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
 * @param orderToken the order's secret token, given only here: sent as {@code X-Order-Token}, it lets a guest
 *     see, pay and cancel this order
 * @param statusPage the status page of this order, with the token in its fragment (never sent to a server)
 * @since 0.1
 */
public record OrderPlacedDto(String orderId, OrderStatus status, String customerId, BigDecimal subtotal, BigDecimal tax,
        BigDecimal deliveryFee, BigDecimal totalAmount, String paymentStatus, Instant estimatedReadyTime, String orderToken,
        String statusPage) {
}
