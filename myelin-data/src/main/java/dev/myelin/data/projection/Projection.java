package dev.myelin.data.projection;

import dev.myelin.data.events.StoredEvent;
import java.util.List;

/**
 * Turns events into a denormalised read model that query handlers read. Named
 * {@code <ReadModel>Projection}.
 *
 * <p><b>Transactions.</b> {@link #apply} runs inside a transaction that also stores the
 * projection's checkpoint (asynchronous projections) or that is the command's own transaction
 * (inline projections), so each event is applied exactly once: write the read model through that
 * transaction (for JDBC, the connection of the {@code JdbcTransactionRunner}).
 *
 * <p><b>Threading.</b> One event (or one batch, {@link #applyAll}) at a time per projection, in the event
 * store's read order.
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
     * Applies events in order, in one transaction: a batch the projection daemon read from the log, or
     * the events of one append (inline projections). Override it to write a batch in fewer round trips
     * (a JDBC batch: one round trip for many rows); the result must be the same as {@link #apply} on
     * each event in turn, because a failing batch is retried in smaller batches and finally one event
     * at a time. Calls {@link #apply} on each event by default.
     *
     * @param events the events, in the event store's read order; not to be modified
     */
    default void applyAll(List<StoredEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            apply(events.get(i));
        }
    }

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
