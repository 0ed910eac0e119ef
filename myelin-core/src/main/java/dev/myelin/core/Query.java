package dev.myelin.core;

/**
 * A request that only reads, such as {@code GetOrderStatus}. Named {@code Get...}.
 *
 * <p>A query must not change state: its handler reads a read model and returns a DTO. Behaviors
 * declared for {@code Query<?>} (caching...) wrap every query and never a command.
 *
 * @param <R> the type of the result
 * @since 0.1
 */
public interface Query<R> extends Request<R> {
}
