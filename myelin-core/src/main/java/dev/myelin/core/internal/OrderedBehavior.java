package dev.myelin.core.internal;

import dev.myelin.core.Next;
import dev.myelin.core.PipelineBehavior;

/**
 * What {@link PipelineBehavior#ordered} returns: a behavior with a stated order. The builder
 * unwraps it when it is registered, so the chain calls the wrapped behavior directly and the
 * wrapper costs nothing per send.
 *
 * <p>It implements the raw {@code PipelineBehavior} on purpose: it has no type arguments of its
 * own, so whatever reads types from a class (the builder, the Spring starter's bean types) finds
 * none here and uses the explicit scope or the {@code @Bean} method's return type instead of the
 * {@code Object} bound of a type variable. Public for {@code PipelineBehavior}; not API.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class OrderedBehavior implements PipelineBehavior {

    private final int order;
    private final PipelineBehavior<?, ?> behavior;

    private OrderedBehavior(int order, PipelineBehavior<?, ?> behavior) {
        this.order = order;
        this.behavior = behavior;
    }

    /**
     * Wraps a behavior with an order.
     *
     * @param order the order value
     * @param behavior the behavior; an ordered one is unwrapped first
     * @param <Q> the request types
     * @param <R> the result types
     * @return the ordered behavior
     */
    public static <Q, R> PipelineBehavior<Q, R> of(int order, PipelineBehavior<Q, R> behavior) {
        if (behavior == null) {
            throw new NullPointerException("behavior must not be null");
        }
        PipelineBehavior<?, ?> inner = behavior instanceof OrderedBehavior ordered ? ordered.behavior : behavior;
        return new OrderedBehavior(order, inner);
    }

    /**
     * Returns the wrapped behavior.
     *
     * @return the behavior the chain calls
     */
    public PipelineBehavior<?, ?> behavior() {
        return behavior;
    }

    @Override
    public Object handle(Object request, Next next) {
        return ((PipelineBehavior<Object, Object>) behavior).handle(request, next);
    }

    @Override
    public boolean appliesTo(Class requestType) {
        return behavior.appliesTo(requestType);
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public String toString() {
        return behavior + " (order " + order + ")";
    }
}
