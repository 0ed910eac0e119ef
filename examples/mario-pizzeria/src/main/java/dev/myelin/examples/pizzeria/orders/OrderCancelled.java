package dev.myelin.examples.pizzeria.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * An order was cancelled before cooking started.
 *
 * @param orderId the order
 * @param reason why, as given
 * @param refunded the amount to refund (zero when nothing had been charged)
 * @param refundTransactionId the charge to refund, or {@code null} when nothing was charged
 * @param at when
 * @since 0.1
 */
public record OrderCancelled(String orderId, String reason, BigDecimal refunded, String refundTransactionId, Instant at)
        implements OrderEvent {

    /**
     * Returns the order's payment status once cancelled: {@code refunded} when something was paid,
     * else {@code cancelled} (nothing is owed any more).
     *
     * @return the status
     */
    public String paymentStatus() {
        return refunded.signum() > 0 ? "refunded" : "cancelled";
    }

    @Override
    public Optional<OrderStatus> resultingStatus() {
        return Optional.of(OrderStatus.CANCELLED);
    }
}
