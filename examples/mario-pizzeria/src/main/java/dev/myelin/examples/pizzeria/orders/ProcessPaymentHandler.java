package dev.myelin.examples.pizzeria.orders;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.payments.PaymentGateway;
import dev.myelin.examples.pizzeria.payments.PaymentMethod;
import dev.myelin.examples.pizzeria.payments.PaymentOutcome;
import dev.myelin.examples.pizzeria.shared.Caller;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Handles {@link ProcessPayment}: charges what is due through the {@link PaymentGateway}. Cash is
 * taken only by a manager at the counter (the driver's is recorded on delivery): a customer declaring
 * it is a 403.
 */
@Component
class ProcessPaymentHandler implements CommandHandler<ProcessPayment, OperationResult<OrderChangeDto>> {

    private final OrderRepository orders;
    private final OrderChanges changes;
    private final PaymentGateway payments;
    private final Clock clock;

    ProcessPaymentHandler(OrderRepository orders, OrderChanges changes, PaymentGateway payments, Clock clock) {
        this.orders = orders;
        this.changes = changes;
        this.payments = payments;
        this.clock = clock;
    }

    @Override
    public OperationResult<OrderChangeDto> handle(ProcessPayment command) {
        if (command.paymentMethod() == PaymentMethod.CASH && !Caller.current().manager()) {
            return OperationResult.forbidden("payment_method: cash is paid to the driver on delivery or at the counter, "
                    + "never declared by the customer");
        }
        Optional<Order> order = orders.get(command.orderId());
        if (order.isEmpty()) {
            return OperationResult.notFound("Order", command.orderId());
        }
        if (order.get().status() == OrderStatus.CANCELLED || order.get().amountDue().signum() <= 0) {
            return changes.apply(command.orderId(), found -> found.recordPayment(command.paymentMethod().jsonName(), null,
                    clock.instant()));
        }
        PaymentOutcome outcome = payments.charge(command.orderId(), order.get().amountDue(), command.paymentMethod(),
                command.paymentToken());
        if (outcome.declined()) {
            return OperationResult.badRequest("Payment was declined. Please try a different payment method.");
        }
        // Cash handed over at the counter: "due" from the gateway means received now.
        return changes.apply(command.orderId(), found -> found.recordPayment(command.paymentMethod().jsonName(),
                outcome.transactionId(), clock.instant()));
    }
}
