package dev.myelin.core;

/**
 * Wraps the handling of requests with a cross-cutting concern: validation, logging, caching,
 * transactions...
 *
 * <p><b>Scope.</b> A behavior applies to the request types that are subtypes of its declared
 * {@code Q} and whose result type is a subtype of its declared {@code R}: a behavior for
 * {@code Command<?>} wraps every command and never a query; one for {@code PlaceOrder} wraps only
 * {@code PlaceOrder}; one whose {@code R} is {@code OperationResult<?>} wraps only requests that
 * return an {@code OperationResult}. {@link #appliesTo} narrows that further (for example, to the
 * queries that declare a cache policy). A behavior that does not apply is not in the chain at all.
 *
 * <p><b>Order.</b> Behaviors are sorted by {@link #order()}, lowest first (outermost); equal
 * values keep their registration order. The built-in values are in {@link BehaviorOrder}. A lambda
 * states its order with {@link #ordered}. A behavior may short-circuit by returning without
 * calling {@code next}.
 *
 * <p><b>Threading.</b> Behaviors are singletons shared by all threads and must be thread-safe.
 *
 * @param <Q> the request types this behavior wraps
 * @param <R> the result types this behavior wraps
 * @since 0.1
 */
@FunctionalInterface
public interface PipelineBehavior<Q, R> {

    /**
     * Handles the request, usually by calling {@code next.invoke(request)} once.
     *
     * @param request the request
     * @param next the rest of the pipeline
     * @return the result
     */
    R handle(Q request, Next<Q, R> next);

    /**
     * Decides, once per request type when the mediator is built, whether this behavior joins that
     * type's chain. Called only for types within the declared scope.
     *
     * @param requestType a request type within the declared scope
     * @return whether to wrap requests of that type; {@code true} by default
     */
    default boolean appliesTo(Class<?> requestType) {
        return true;
    }

    /**
     * Position of this behavior in each chain; lower values run first (outermost).
     *
     * @return the order value; {@link BehaviorOrder#DEFAULT} by default
     */
    default int order() {
        return BehaviorOrder.DEFAULT;
    }

    /**
     * Gives a behavior, usually a lambda, an order. The builder unwraps it when it is registered:
     * the chain calls {@code behavior} itself, so this costs nothing per send. A lambda still needs
     * its scope stated: {@code builder.behavior(Command.class, ordered(BehaviorOrder.LOGGING + 1, ...))}.
     *
     * @param order the order value; lower runs first (outermost)
     * @param behavior the behavior
     * @param <Q> the request types
     * @param <R> the result types
     * @return the behavior with that order
     */
    static <Q, R> PipelineBehavior<Q, R> ordered(int order, PipelineBehavior<Q, R> behavior) {
        return dev.myelin.core.internal.OrderedBehavior.of(order, behavior);
    }
}
