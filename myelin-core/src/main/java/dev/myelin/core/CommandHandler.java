package dev.myelin.core;

/**
 * Handles one type of {@link Command}. Runs inside the command's unit of work when the
 * transaction behavior is configured.
 *
 * <pre>{@code
 * final class PlaceOrderHandler implements CommandHandler<PlaceOrder, OperationResult<OrderDto>> {
 *     public OperationResult<OrderDto> handle(PlaceOrder command) {
 *         Order order = Order.place(command);
 *         orders.add(order);
 *         return created(OrderDto.of(order));
 *     }
 * }
 * }</pre>
 *
 * @param <C> the command type
 * @param <R> the result type
 * @since 0.1
 */
@FunctionalInterface
public interface CommandHandler<C extends Command<R>, R> extends RequestHandler<C, R> {
}
