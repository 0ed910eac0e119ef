package dev.myelin.examples.pizzeria.orders.payment;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.OrderChanges;
import dev.myelin.examples.pizzeria.orders.events.PaymentAuthorized;
import dev.myelin.examples.pizzeria.payments.PaymentMethod;
import dev.myelin.examples.pizzeria.shared.Caller;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Handles {@link ProcessPayment} in the command's transaction. A card arrives authorized by
 * {@link CardAuthorizationBehavior}: the order records the authorization ({@link PaymentAuthorized})
 * and attaches it, and {@link WhenPaymentAuthorizedThenCapture} captures it after the commit. Cash is
 * taken only by a manager at the counter (the driver's is recorded on delivery): a customer declaring it
 * is a 403. Already paid or cancelled: 409.
 */
@Component
class ProcessPaymentHandler implements CommandHandler<ProcessPayment, OperationResult<OrderChangeDto>> {

    private final OrderChanges changes;
    private final PaymentAuthorizations authorizations;
    private final Clock clock;

    ProcessPaymentHandler(OrderChanges changes, PaymentAuthorizations authorizations, Clock clock) {
        this.changes = changes;
        this.authorizations = authorizations;
        this.clock = clock;
    }

    @Override
    public OperationResult<OrderChangeDto> handle(ProcessPayment command) {
        Instant now = clock.instant();
        if (command.paymentMethod() == PaymentMethod.CASH) {
            if (!Caller.current().manager()) {
                return OperationResult.forbidden("payment_method: cash is paid to the driver on delivery or at the counter, "
                        + "never declared by the customer");
            }
            return changes.apply(command.orderId(), order -> order.recordPayment(PaymentMethod.CASH.jsonName(), null, now));
        }
        return AuthorizedPayments.current()
                .map(card -> changes.apply(command.orderId(), order -> {
                    order.recordAuthorization(card.authorizationId(), card.amount(), now);
                    if (!authorizations.attach(card.key(), now)) {
                        throw new IllegalStateException("Authorization " + card.key() + " is not open");
                    }
                }))
                // Nothing was authorized: the order is unknown (404), cancelled or owes nothing (409).
                .orElseGet(() -> changes.apply(command.orderId(), order -> {
                    order.recordAuthorization("none", order.amountDue(), now);
                    throw new IllegalStateException("A card payment needs CardAuthorizationBehavior");
                }));
    }
}
