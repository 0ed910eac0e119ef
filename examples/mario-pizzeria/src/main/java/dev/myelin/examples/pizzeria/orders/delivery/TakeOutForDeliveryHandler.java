package dev.myelin.examples.pizzeria.orders.delivery;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.OrderChanges;
import dev.myelin.examples.pizzeria.shared.Caller;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Handles {@link TakeOutForDelivery} in the command's transaction: 404 for an unknown order, 409 for an
 * illegal transition or an order assigned to another driver; an unassigned order goes to the caller.
 */
@Component
class TakeOutForDeliveryHandler implements CommandHandler<TakeOutForDelivery, OperationResult<OrderChangeDto>> {

    private final OrderChanges changes;
    private final Clock clock;

    TakeOutForDeliveryHandler(OrderChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public OperationResult<OrderChangeDto> handle(TakeOutForDelivery command) {
        Caller caller = Caller.current();
        return changes.apply(command.orderId(), order -> order.takeOutForDelivery(caller.name(), caller.manager(),
                clock.instant()));
    }
}
