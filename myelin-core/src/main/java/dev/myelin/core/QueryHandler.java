package dev.myelin.core;

/**
 * Handles one type of {@link Query}. A query handler reads a read model and never writes.
 *
 * @param <Q> the query type
 * @param <R> the result type
 * @since 0.1
 */
@FunctionalInterface
public interface QueryHandler<Q extends Query<R>, R> extends RequestHandler<Q, R> {
}
