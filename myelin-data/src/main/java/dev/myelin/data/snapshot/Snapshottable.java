package dev.myelin.data.snapshot;

import dev.myelin.core.meta.Experimental;

/**
 * Implemented by an event-sourced aggregate that can be snapshotted: it hands out its state as a
 * value and restores itself from one.
 *
 * <pre>{@code
 * final class Order extends EventSourcedAggregate<String> implements Snapshottable<OrderState> {
 *     public OrderState snapshotState() { return new OrderState(status, lines); }
 *     public void restoreSnapshotState(OrderState state) { status = state.status(); lines = state.lines(); }
 * }
 * }</pre>
 *
 * <p>The state must be an immutable value (a record) that a JSON mapper can write and read back by
 * its class, and must not share mutable parts with the aggregate.
 *
 * @param <S> the state type
 * @since 0.1
 */
@Experimental
public interface Snapshottable<S> {

    /**
     * Returns the aggregate's current state.
     *
     * @return the state
     */
    S snapshotState();

    /**
     * Restores the state of a freshly created aggregate; the repository then replays the events
     * after the snapshot's version.
     *
     * @param state the state returned by {@link #snapshotState()}, possibly by another instance
     */
    void restoreSnapshotState(S state);
}
