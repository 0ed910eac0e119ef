package dev.myelin.examples.pizzeria.orders;

import dev.myelin.core.OperationResult;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The common shape of the commands that move an existing order: load it (404 naming the id when
 * unknown), apply one domain method (409 with its reason when the status forbids it), save it with
 * its events. Runs in the calling command's transaction; a failed result rolls it back.
 */
@Component
public class OrderChanges {

    private final OrderRepository orders;

    OrderChanges(OrderRepository orders) {
        this.orders = orders;
    }

    public OperationResult<OrderChangeDto> apply(String orderId, Consumer<Order> change) {
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
