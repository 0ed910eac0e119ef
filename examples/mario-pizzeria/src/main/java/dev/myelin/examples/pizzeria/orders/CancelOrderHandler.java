package dev.myelin.examples.pizzeria.orders;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.payments.PaymentGateway;
import java.math.BigDecimal;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Handles {@link CancelOrder}. The refund goes to the gateway inside the command's transaction,
 * after the cancellation is decided; if the commit then failed the refund would stand (the fake
 * gateway's refunds are idempotent per transaction, a real one should be called from an outbox
 * handler of {@link OrderCancelled} instead).
 */
@Component
class CancelOrderHandler implements CommandHandler<CancelOrder, OperationResult<OrderChangeDto>> {

    private final OrderChanges changes;
    private final PaymentGateway payments;
    private final Clock clock;

    CancelOrderHandler(OrderChanges changes, PaymentGateway payments, Clock clock) {
        this.changes = changes;
        this.payments = payments;
        this.clock = clock;
    }

    @Override
    public OperationResult<OrderChangeDto> handle(CancelOrder command) {
        String reason = command.reason() == null || command.reason().isBlank() ? "cancelled by request" : command.reason();
        return changes.apply(command.orderId(), order -> {
            String transaction = order.state().payment().transactionId();
            BigDecimal refund = order.cancel(reason, clock.instant());
            if (refund.signum() > 0 && transaction != null) {
                payments.refund(transaction, refund);
            }
        });
    }
}
