package dev.myelin.core;

/**
 * A request that changes state, such as {@code PlaceOrder}. Named as an imperative.
 *
 * <p>Behaviors declared for {@code Command<?>} (transactions, idempotency, retry...) wrap every
 * command and never a query.
 *
 * <pre>{@code
 * record PlaceOrder(String customerName, List<PizzaItem> items) implements Command<OperationResult<OrderDto>> {}
 * }</pre>
 *
 * @param <R> the type of the result
 * @since 0.1
 */
public interface Command<R> extends Request<R> {
}
