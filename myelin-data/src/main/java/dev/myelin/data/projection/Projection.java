package dev.myelin.data.projection;

import dev.myelin.data.events.StoredEvent;

/**
 * Turns events into a denormalised read model that query handlers read. Named
 * {@code <ReadModel>Projection}.
 *
 * <p><b>Transactions.</b> {@link #apply} runs inside a transaction that also stores the
 * projection's checkpoint (asynchronous projections) or that is the command's own transaction
 * (inline projections), so each event is applied exactly once: write the read model through that
 * transaction (for JDBC, the connection of the {@code JdbcTransactionRunner}).
 *
 * <p><b>Threading.</b> One event at a time per projection, in the event store's read order.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Projection {

    /**
     * Applies one event to the read model. Events the projection does not use are ignored.
     *
     * @param event the stored event
     */
    void apply(StoredEvent event);

    /**
     * Returns the projection's name, the key of its checkpoint and lease. Changing it rebuilds
     * the projection from the start.
     *
     * @return the name; the class's simple name by default
     */
    default String name() {
        return getClass().getSimpleName();
    }
}
