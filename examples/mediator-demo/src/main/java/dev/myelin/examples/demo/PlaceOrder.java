package dev.myelin.examples.demo;

import static dev.myelin.core.OperationResult.badRequest;
import static dev.myelin.core.OperationResult.created;

import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.EventPublisher;
import dev.myelin.core.OperationResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Places an order for one or more pizzas.
 *
 * @param customerName who orders
 * @param pizzas the pizza ids, at least one
 */
record PlaceOrder(String customerName, List<String> pizzas) implements Command<OperationResult<PlaceOrder.Placed>> {

    /** What placing an order returns. */
    record Placed(String orderId, BigDecimal totalAmount) {
    }

    /** Validates, stores the order and publishes {@link OrderPlaced}. */
    static final class Handler implements CommandHandler<PlaceOrder, OperationResult<Placed>> {

        private static final BigDecimal PRICE = new BigDecimal("12.99");

        private final Orders orders;
        private final EventPublisher events;

        Handler(Orders orders, EventPublisher events) {
            this.orders = orders;
            this.events = events;
        }

        @Override
        public OperationResult<Placed> handle(PlaceOrder command) {
            if (command.pizzas().isEmpty()) {
                return badRequest("Order must contain at least one pizza");
            }
            String id = UUID.randomUUID().toString();
            BigDecimal total = PRICE.multiply(BigDecimal.valueOf(command.pizzas().size()));
            orders.put(new Orders.Order(id, command.customerName(), "pending", total));
            events.publish(new OrderPlaced(id, command.customerName(), total));
            return created(new Placed(id, total));
        }
    }
}
