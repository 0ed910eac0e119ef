package dev.myelin.data;

import dev.myelin.core.DomainEvent;
import java.util.List;

/**
 * An aggregate whose state is derived only from its events: {@link #record(DomainEvent)} applies
 * the event to the state, then keeps it pending; loading replays the stream through
 * {@link #apply(DomainEvent)}. Its {@link #version()} is the number of events in its stream.
 *
 * <pre>{@code
 * protected void apply(DomainEvent event) {
 *     switch (event) {
 *         case OrderPlaced placed -> status = PENDING;
 *         case CookingStarted started -> status = COOKING;
 *         default -> { }
 *     }
 * }
 * }</pre>
 *
 * @param <ID> the identifier type
 * @since 0.1
 */
public abstract class EventSourcedAggregate<ID> extends AggregateRoot<ID> {

    /**
     * Creates an aggregate with no history.
     *
     * @param id its identifier
     */
    protected EventSourcedAggregate(ID id) {
        super(id, 0);
    }

    /**
     * Changes the state to reflect one event. Must not fail and must not record events: it runs
     * for new events and on every replay.
     *
     * @param event the event
     */
    protected abstract void apply(DomainEvent event);

    @Override
    protected final void record(DomainEvent event) {
        apply(event);
        super.record(event);
    }

    /**
     * Rebuilds the state from stored events (after a snapshot, if any). Called by repositories.
     *
     * @param history the events in stream order
     * @param version the stream version after the last of them
     */
    public final void replay(List<? extends DomainEvent> history, long version) {
        history.forEach(this::apply);
        markSaved(version);
    }
}
