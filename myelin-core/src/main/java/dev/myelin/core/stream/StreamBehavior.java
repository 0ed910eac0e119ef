package dev.myelin.core.stream;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Next;
import java.util.stream.Stream;

/**
 * Wraps the handling of streaming queries: it may check the query, then decorate the stream
 * (filter, map, count, close hooks). Scoped and ordered like
 * {@link dev.myelin.core.PipelineBehavior}: it applies to the query types that are subtypes of
 * {@code Q}; lower {@link #order()} runs first. Thread-safe singleton.
 *
 * @param <Q> the query types this behavior wraps
 * @param <T> the element type
 * @since 0.1
 */
@FunctionalInterface
public interface StreamBehavior<Q, T> {

    /**
     * Handles the query, usually by decorating {@code next.invoke(query)}.
     *
     * @param query the query
     * @param next the rest of the chain
     * @return the stream
     */
    Stream<T> handle(Q query, Next<Q, Stream<T>> next);

    /**
     * Position of this behavior; lower values run first (outermost).
     *
     * @return the order value
     */
    default int order() {
        return BehaviorOrder.DEFAULT;
    }
}
