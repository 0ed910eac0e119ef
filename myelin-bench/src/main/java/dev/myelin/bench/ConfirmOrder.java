package dev.myelin.bench;

import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.OperationResult;

/**
 * A command returning an {@link OperationResult}, so that the mediator wraps its chain in the
 * exception-mapping link; sending it measures that wrapper.
 *
 * @param orderId the order to confirm
 */
record ConfirmOrder(String orderId) implements Command<OperationResult<OrderReceipt>> {

    /** Handles {@link ConfirmOrder} by returning one shared success. */
    static final class Handler implements CommandHandler<ConfirmOrder, OperationResult<OrderReceipt>> {

        private static final OperationResult<OrderReceipt> CONFIRMED = OperationResult.ok(OrderReceipt.SHARED);

        @Override
        public OperationResult<OrderReceipt> handle(ConfirmOrder command) {
            return CONFIRMED;
        }
    }
}
