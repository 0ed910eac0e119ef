package dev.myelin.examples.pizzeria.orders.lifecycle;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.OrderChanges;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Handles {@link MarkOrderAsViewed} in the command's transaction: 404 for an unknown order, 409 for an illegal transition. */
@Component
class MarkOrderAsViewedHandler implements CommandHandler<MarkOrderAsViewed, OperationResult<OrderChangeDto>> {

    private final OrderChanges changes;
    private final Clock clock;

    MarkOrderAsViewedHandler(OrderChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public OperationResult<OrderChangeDto> handle(MarkOrderAsViewed command) {
        return changes.apply(command.orderId(), order -> order.markViewed(clock.instant()));
    }
}
