package dev.myelin.examples.pizzeria.orders.delivery;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.OrderChanges;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Handles {@link DeliverOrder} in the command's transaction: 404 for an unknown order, 409 for an illegal transition. */
@Component
class DeliverOrderHandler implements CommandHandler<DeliverOrder, OperationResult<OrderChangeDto>> {

    private final OrderChanges changes;
    private final Clock clock;

    DeliverOrderHandler(OrderChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public OperationResult<OrderChangeDto> handle(DeliverOrder command) {
        return changes.apply(command.orderId(), order -> order.deliver(clock.instant()));
    }
}
