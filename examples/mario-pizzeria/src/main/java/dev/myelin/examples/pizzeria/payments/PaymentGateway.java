package dev.myelin.examples.pizzeria.payments;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The port to the card payment provider, the way real shops use one: an authorization holds the money
 * when the order is placed (before anything is stored), a capture takes it once the order is committed,
 * a void releases an authorization whose order never committed or was cancelled first, and a refund
 * returns a captured payment.
 *
 * <p>Every operation carries an idempotency key: sending the same key again returns the first answer
 * and changes nothing, so a retried or redelivered call never charges, voids or refunds twice.
 * Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface PaymentGateway {

    /**
     * Holds an amount on a card.
     *
     * @param idempotencyKey the key of this authorization
     * @param amount the amount, two decimals
     * @param paymentToken the card's token from the provider's form, or {@code null}
     * @return the authorization, or why it was declined
     */
    Authorization authorize(String idempotencyKey, BigDecimal amount, String paymentToken);

    /**
     * Takes the money an authorization holds.
     *
     * @param idempotencyKey the key of this capture
     * @param authorizationId the authorization
     * @param amount the amount, at most the authorized one
     * @return the capture's id, or empty when the authorization was voided (nothing was taken)
     */
    Optional<String> capture(String idempotencyKey, String authorizationId, BigDecimal amount);

    /**
     * Releases an authorization that was not captured.
     *
     * @param idempotencyKey the key of this void
     * @param authorizationId the authorization
     * @return whether it is void now; {@code false} when it had been captured (refund it instead)
     */
    boolean voidAuthorization(String idempotencyKey, String authorizationId);

    /**
     * Returns a captured payment.
     *
     * @param idempotencyKey the key of this refund
     * @param captureId the capture
     * @param amount the amount to return
     */
    void refund(String idempotencyKey, String captureId, BigDecimal amount);

    /**
     * What the provider answered to an authorization.
     *
     * @param authorizationId the authorization's id, or {@code null} when declined
     * @param declineReason why it was declined, or {@code null} when authorized
     * @since 0.1
     */
    record Authorization(String authorizationId, String declineReason) {

        /**
         * Tells whether the provider refused it.
         *
         * @return whether declined
         */
        public boolean declined() {
            return authorizationId == null;
        }
    }
}
