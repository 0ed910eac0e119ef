package dev.myelin.examples.pizzeria.orders;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Handles {@link AssignDelivery} in the command's transaction: 404 for an unknown order, 409 for an illegal transition. */
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
        return changes.apply(command.orderId(), order -> order.assignDriver(command.driverId(), clock.instant()));
    }
}
