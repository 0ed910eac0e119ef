package dev.myelin.examples.pizzeria.orders.kitchen;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.inventory.Inventory;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.OrderChanges;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Handles {@link StartCooking} in the command's transaction: 404 for an unknown order, 409 for an illegal
 * transition; once cooking starts, the order's reserved ingredients leave the stock ({@link Inventory#consume}).
 */
@Component
class StartCookingHandler implements CommandHandler<StartCooking, OperationResult<OrderChangeDto>> {

    private final OrderChanges changes;
    private final Clock clock;
    private final Inventory inventory;

    StartCookingHandler(OrderChanges changes, Clock clock, Inventory inventory) {
        this.changes = changes;
        this.clock = clock;
        this.inventory = inventory;
    }

    @Override
    public OperationResult<OrderChangeDto> handle(StartCooking command) {
        OperationResult<OrderChangeDto> result = changes.apply(command.orderId(),
                order -> order.startCooking(command.kitchenStaffId(), command.estimatedCookingTimeMinutes(), clock.instant()));
        if (result.isSuccess()) {
            inventory.consume(command.orderId());
        }
        return result;
    }
}
