package dev.myelin.examples.demo;

import static dev.myelin.core.OperationResult.notFound;
import static dev.myelin.core.OperationResult.ok;

import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.core.QueryHandler;

/**
 * Reads the status of an order.
 *
 * @param orderId the order id
 */
record GetOrderStatus(String orderId) implements Query<OperationResult<GetOrderStatus.Status>> {

    /** The status of an order. */
    record Status(String orderId, String status, String customerName) {
    }

    /** Reads the order store; never writes. */
    static final class Handler implements QueryHandler<GetOrderStatus, OperationResult<Status>> {

        private final Orders orders;

        Handler(Orders orders) {
            this.orders = orders;
        }

        @Override
        public OperationResult<Status> handle(GetOrderStatus query) {
            return orders.get(query.orderId())
                    .map(order -> ok(new Status(order.id(), order.status(), order.customerName())))
                    .orElseGet(() -> notFound("Order", query.orderId()));
        }
    }
}
