package dev.myelin.examples.pizzeria.orders.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A card authorization now covers what an order owes (an order first left to be paid in cash, paid
 * online); {@code WhenPaymentAuthorizedThenCapture} captures it once this is committed.
 *
 * @param orderId the order
 * @param authorizationId the provider's authorization
 * @param amount the amount held
 * @param at when
 * @since 0.1
 */
public record PaymentAuthorized(String orderId, String authorizationId, BigDecimal amount, Instant at)
        implements OrderEvent {
}
