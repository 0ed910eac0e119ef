package dev.myelin.core.stream;

import java.util.stream.Stream;

/**
 * Handles one type of {@link StreamQuery}. Exactly one per query type. Thread-safe singleton.
 *
 * @param <Q> the query type
 * @param <T> the element type
 * @since 0.1
 */
@FunctionalInterface
public interface StreamQueryHandler<Q extends StreamQuery<T>, T> {

    /**
     * Produces the stream. It may be lazy; the caller closes it.
     *
     * @param query the query
     * @return the elements
     */
    Stream<T> handle(Q query);
}
