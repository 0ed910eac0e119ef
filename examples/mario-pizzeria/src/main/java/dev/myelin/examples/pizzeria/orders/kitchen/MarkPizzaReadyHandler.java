package dev.myelin.examples.pizzeria.orders.kitchen;

import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.Order;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.OrderChanges;
import dev.myelin.examples.pizzeria.orders.OrderRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Handles {@link MarkPizzaReady}: 404 unknown order, 400 no such pizza, 409 not cooking or already ready. */
@Component
class MarkPizzaReadyHandler implements CommandHandler<MarkPizzaReady, OperationResult<OrderChangeDto>> {

    private final OrderRepository orders;
    private final OrderChanges changes;
    private final Clock clock;

    MarkPizzaReadyHandler(OrderRepository orders, OrderChanges changes, Clock clock) {
        this.orders = orders;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public OperationResult<OrderChangeDto> handle(MarkPizzaReady command) {
        Optional<Order> order = orders.get(command.orderId());
        if (order.isPresent() && command.pizzaIndex() >= order.get().pizzaCount()) {
            return OperationResult.validationFailed(Map.of("pizza_index",
                    List.of("must be below " + order.get().pizzaCount() + ", the order's number of pizzas")));
        }
        return changes.apply(command.orderId(), found -> found.markPizzaReady(command.pizzaIndex(), clock.instant()));
    }
}
