package dev.myelin.examples.pizzeria.orders.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order was paid.
 *
 * @param orderId the order
 * @param method how it was paid
 * @param amount the amount paid
 * @param transactionId the provider's transaction, or {@code null} for cash
 * @param at when
 * @since 0.1
 */
public record PaymentProcessed(String orderId, String method, BigDecimal amount, String transactionId, Instant at)
        implements OrderEvent {
}
