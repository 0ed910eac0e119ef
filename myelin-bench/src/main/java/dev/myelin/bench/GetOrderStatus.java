package dev.myelin.bench;

import dev.myelin.core.Query;
import dev.myelin.core.QueryHandler;

/**
 * A query, registered only so that behaviors declared for {@code Query<?>} have something to
 * apply to (the mediator rejects a behavior that applies to no registered type). The send
 * benchmarks never send it.
 *
 * @param orderId the order
 */
record GetOrderStatus(String orderId) implements Query<OrderReceipt> {

    /** Handles {@link GetOrderStatus} by returning the shared receipt. */
    static final class Handler implements QueryHandler<GetOrderStatus, OrderReceipt> {

        @Override
        public OrderReceipt handle(GetOrderStatus query) {
            return OrderReceipt.SHARED;
        }
    }
}
