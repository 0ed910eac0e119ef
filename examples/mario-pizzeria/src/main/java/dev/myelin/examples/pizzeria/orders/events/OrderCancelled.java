package dev.myelin.examples.pizzeria.orders.events;

import dev.myelin.examples.pizzeria.orders.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * An order was cancelled before cooking started.
 *
 * @param orderId the order
 * @param reason why, as given
 * @param refunded the amount to refund: what was captured (zero when nothing was)
 * @param refundTransactionId the capture to refund, or {@code null} when nothing was captured
 * @param voidAuthorizationId the card authorization to void (not captured yet), or {@code null}
 * @param authorizedAmount the amount that authorization holds, or {@code null}
 * @param at when
 * @since 0.1
 */
public record OrderCancelled(String orderId, String reason, BigDecimal refunded, String refundTransactionId,
        String voidAuthorizationId, BigDecimal authorizedAmount, Instant at) implements OrderEvent {

    /**
     * Returns the order's payment status once cancelled: {@code refunded} when a payment was captured,
     * {@code voided} when a card authorization is released, else {@code cancelled} (nothing is owed).
     *
     * @return the status
     */
    public String paymentStatus() {
        if (refunded.signum() > 0) {
            return "refunded";
        }
        return voidAuthorizationId != null ? "voided" : "cancelled";
    }

    @Override
    public Optional<OrderStatus> resultingStatus() {
        return Optional.of(OrderStatus.CANCELLED);
    }
}
