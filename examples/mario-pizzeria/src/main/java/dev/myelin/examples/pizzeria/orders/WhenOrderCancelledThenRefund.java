package dev.myelin.examples.pizzeria.orders;

import dev.myelin.core.EventHandler;
import dev.myelin.examples.pizzeria.payments.PaymentGateway;
import org.springframework.stereotype.Component;

/**
 * Refunds what a cancelled order had paid, through the {@link PaymentGateway}. Delivered by the outbox
 * after the cancellation commits, at least once: the gateway must treat a second refund of the same
 * charge as the first (refunds are keyed by the charge's transaction id).
 */
@Component
class WhenOrderCancelledThenRefund implements EventHandler<OrderCancelled> {

    private final PaymentGateway payments;

    WhenOrderCancelledThenRefund(PaymentGateway payments) {
        this.payments = payments;
    }

    @Override
    public void handle(OrderCancelled event) {
        if (event.refunded().signum() > 0 && event.refundTransactionId() != null) {
            payments.refund(event.refundTransactionId(), event.refunded());
        }
    }
}
