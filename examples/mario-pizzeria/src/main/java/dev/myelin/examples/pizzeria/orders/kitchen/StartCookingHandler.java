package dev.myelin.examples.pizzeria.orders.kitchen;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.OrderChanges;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Handles {@link StartCooking} in the command's transaction: 404 for an unknown order, 409 for an illegal transition. */
@Component
class StartCookingHandler implements CommandHandler<StartCooking, OperationResult<OrderChangeDto>> {

    private final OrderChanges changes;
    private final Clock clock;

    StartCookingHandler(OrderChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public OperationResult<OrderChangeDto> handle(StartCooking command) {
        return changes.apply(command.orderId(), order -> order.startCooking(command.kitchenStaffId(),
                command.estimatedCookingTimeMinutes(),
                clock.instant()));
    }
}
