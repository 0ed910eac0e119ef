package dev.myelin.examples.pizzeria.payments;

/**
 * What the payment provider answered.
 *
 * @param status {@code paid}, {@code due} (cash, paid on delivery) or {@code declined}
 * @param transactionId the provider's id of the charge, or {@code null} unless paid
 * @param reason why it was declined, or {@code null}
 * @since 0.1
 */
public record PaymentOutcome(String status, String transactionId, String reason) {

    /** Charged now. */
    public static final String PAID = "paid";

    /** To be paid in cash on delivery. */
    public static final String DUE = "due";

    /** Refused by the provider. */
    public static final String DECLINED = "declined";

    /**
     * Tells whether the provider refused the payment.
     *
     * @return whether declined
     */
    public boolean declined() {
        return DECLINED.equals(status);
    }
}
