package dev.myelin.examples.pizzeria.orders.payment;

import dev.myelin.data.outbox.HandlerName;
import dev.myelin.data.outbox.SelectiveEventHandler;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.payments.PaymentGateway;
import org.springframework.stereotype.Component;

/**
 * Returns a cancelled order's card payment through the {@link PaymentGateway}, after the cancellation
 * commits (delivered by the outbox, at least once): a captured payment is refunded with the key
 * {@code refund:<order>}, an authorization not captured yet is voided with {@code void:<authorization>}.
 * The keys make a redelivery change nothing. Should the void find the authorization captured after all
 * (a capture that crashed before recording itself), the capture's own key is replayed to learn its id,
 * which is then refunded. Cash was never taken before delivery, so it is never refunded here.
 *
 * <p>Its {@code @HandlerName} is its class name from before the orders package was split by use
 * case: pending outbox deliveries are stored under that name and still reach it.
 */
@Component
@HandlerName("dev.myelin.examples.pizzeria.orders.WhenOrderCancelledThenRefund")
class WhenOrderCancelledThenRefund implements SelectiveEventHandler<OrderCancelled> {

    private final PaymentGateway payments;

    WhenOrderCancelledThenRefund(PaymentGateway payments) {
        this.payments = payments;
    }

    /** Only a cancellation that returns card money: a cash order's costs the outbox nothing. */
    @Override
    public boolean wants(OrderCancelled event) {
        return event.refunded().signum() > 0 && event.refundTransactionId() != null || event.voidAuthorizationId() != null;
    }

    @Override
    public void handle(OrderCancelled event) {
        if (event.refunded().signum() > 0 && event.refundTransactionId() != null) {
            payments.refund(refundKey(event.orderId()), event.refundTransactionId(), event.refunded());
        } else if (event.voidAuthorizationId() != null
                && !payments.voidAuthorization("void:" + event.voidAuthorizationId(), event.voidAuthorizationId())) {
            payments.capture(WhenPaymentAuthorizedThenCapture.captureKey(event.voidAuthorizationId()),
                    event.voidAuthorizationId(), event.authorizedAmount())
                    .ifPresent(capture -> payments.refund(refundKey(event.orderId()), capture, event.authorizedAmount()));
        }
    }

    private static String refundKey(String orderId) {
        return "refund:" + orderId;
    }
}
