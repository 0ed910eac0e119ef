package dev.myelin.examples.pizzeria.payments;

import java.math.BigDecimal;

/**
 * The port to the payment provider. Implementations must be thread-safe and idempotent per
 * {@code reference}: charging the same reference twice charges once.
 *
 * @since 0.1
 */
public interface PaymentGateway {

    /**
     * Charges an amount, or records that it will be paid on delivery for cash.
     *
     * @param reference the order's id, the idempotency key of the charge
     * @param amount the amount, two decimals
     * @param method the payment method
     * @param paymentToken the card's token from the provider's form, or {@code null}
     * @return whether it was accepted, and how
     */
    PaymentOutcome charge(String reference, BigDecimal amount, PaymentMethod method, String paymentToken);

    /**
     * Refunds a charge made earlier; refunding the same charge again changes nothing.
     *
     * @param transactionId the charge's transaction id
     * @param amount the amount to refund
     */
    void refund(String transactionId, BigDecimal amount);
}
