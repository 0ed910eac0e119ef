package dev.myelin.examples.pizzeria.orders.lifecycle;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.inventory.Inventory;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.OrderChanges;
import dev.myelin.examples.pizzeria.orders.OrderLocks;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Handles {@link CancelOrder} in the command's transaction, under the order's lock ({@link OrderLocks}),
 * so it never interleaves with a capture. The refund (or void) is not made here but by
 * {@code WhenOrderCancelledThenRefund} once the cancellation has committed, so a rolled-back
 * cancellation never refunds. A successful cancellation releases the order's reserved ingredients
 * ({@link Inventory#release}) in this transaction, once.
 */
@Component
class CancelOrderHandler implements CommandHandler<CancelOrder, OperationResult<OrderChangeDto>> {

    private final OrderChanges changes;
    private final OrderLocks locks;
    private final Clock clock;
    private final Inventory inventory;

    CancelOrderHandler(OrderChanges changes, OrderLocks locks, Clock clock, Inventory inventory) {
        this.changes = changes;
        this.locks = locks;
        this.clock = clock;
        this.inventory = inventory;
    }

    @Override
    public OperationResult<OrderChangeDto> handle(CancelOrder command) {
        String reason = command.reason() == null || command.reason().isBlank() ? "cancelled by request" : command.reason();
        locks.lock(command.orderId());
        OperationResult<OrderChangeDto> result = changes.apply(command.orderId(), order -> order.cancel(reason, clock.instant()));
        if (result.isSuccess()) {
            inventory.release(command.orderId());
        }
        return result;
    }
}
