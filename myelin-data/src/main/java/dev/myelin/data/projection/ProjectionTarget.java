package dev.myelin.data.projection;

import dev.myelin.core.meta.Experimental;

/**
 * A read model that can be rebuilt without downtime: the rebuild replays the whole log into a
 * fresh, invisible copy, then swaps it in while readers keep reading the old one.
 *
 * <p><b>Contract.</b> {@link ProjectionDaemon#rebuild} calls {@link #fresh()} once, applies every
 * event from position 1 to the returned projection in batches, and calls {@link #swap()} in the
 * same transaction as the last batch and the new checkpoint. PostgreSQL targets build a new table
 * and rename it in; the in-memory one swaps a map.
 *
 * @since 0.1
 */
@Experimental
public interface ProjectionTarget {

    /**
     * Creates an empty copy of the read model, replacing any previous unfinished one.
     *
     * @return a projection that writes into the copy, with the live projection's name
     */
    Projection fresh();

    /**
     * Makes the copy the live read model and drops the old one; runs in the caller's transaction.
     */
    void swap();
}
