package dev.myelin.examples.pizzeria.orders.delivery;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.OrderChanges;
import dev.myelin.examples.pizzeria.shared.Caller;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Handles {@link AssignDelivery} in the command's transaction: a driver may take a delivery only for
 * itself (else 403); 404 for an unknown order; 409 for an order that is not ready or already has a
 * driver, unless a manager reassigns it.
 */
@Component
class AssignDeliveryHandler implements CommandHandler<AssignDelivery, OperationResult<OrderChangeDto>> {

    private final OrderChanges changes;
    private final Clock clock;

    AssignDeliveryHandler(OrderChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public OperationResult<OrderChangeDto> handle(AssignDelivery command) {
        Caller caller = Caller.current();
        if (!caller.manager() && !command.driverId().equals(caller.name())) {
            return OperationResult.forbidden("driver_id: drivers may only assign deliveries to themselves");
        }
        return changes.apply(command.orderId(), order -> order.assignDriver(command.driverId(), caller.manager(),
                clock.instant()));
    }
}
