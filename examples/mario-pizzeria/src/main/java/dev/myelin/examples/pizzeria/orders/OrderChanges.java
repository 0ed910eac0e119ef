package dev.myelin.examples.pizzeria.orders;

import dev.myelin.core.OperationResult;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The common shape of the commands that move an existing order: load it (404 naming the id when
 * unknown), apply one domain method (409 with its reason when the status forbids it), save it with
 * its events. Runs in the calling command's transaction; a failed result rolls it back.
 *
 * <p>The order's row lock ({@link OrderLocks}) is taken first, before the document is loaded, so every
 * command on one order locks in the same order (summary row, then document, then what its events touch):
 * a cancellation racing the kitchen's cook gets a 409, never a deadlock (which the document update first
 * and the summary projection's update second made possible against {@code CancelOrder}'s lock).
 */
@Component
public class OrderChanges {

    private final OrderRepository orders;
    private final OrderLocks locks;

    OrderChanges(OrderRepository orders, OrderLocks locks) {
        this.orders = orders;
        this.locks = locks;
    }

    public OperationResult<OrderChangeDto> apply(String orderId, Consumer<Order> change) {
        locks.lock(orderId);
        Optional<Order> found = orders.get(orderId);
        if (found.isEmpty()) {
            return OperationResult.notFound("Order", orderId);
        }
        Order order = found.get();
        try {
            change.accept(order);
        } catch (IllegalTransitionException illegal) {
            return OperationResult.conflict(illegal.getMessage());
        }
        orders.update(order);
        return OperationResult.ok(new OrderChangeDto(orderId, order.status()));
    }
}
