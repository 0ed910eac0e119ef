package dev.myelin.data;

import dev.myelin.core.DomainEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A consistency boundary whose state changes only through its own methods, which record the
 * {@link DomainEvent}s that describe each change. A repository saves the state and the recorded
 * events together, in one transaction, and the events then reach their handlers.
 *
 * <pre>{@code
 * final class Order extends AggregateRoot<String> {
 *     private OrderStatus status;
 *
 *     void startCooking(String chef) {
 *         if (status != OrderStatus.CONFIRMED) throw new IllegalTransitionException(...);
 *         status = OrderStatus.COOKING;
 *         record(new CookingStarted(id(), chef));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Version.</b> {@link #version()} is the version this instance was loaded at (0 for a new
 * aggregate); a repository saves only when the stored version still equals it, otherwise it throws
 * {@link AggregateConflictException}. After a save the repository calls {@link #markSaved(long)}.
 *
 * <p><b>Threading.</b> Not thread-safe: an instance belongs to the unit of work that loaded it.
 *
 * @param <ID> the identifier type
 * @since 0.1
 */
public abstract class AggregateRoot<ID> {

    private final ID id;
    private long version;
    private final List<DomainEvent> pending = new ArrayList<>();

    /**
     * Creates an aggregate.
     *
     * @param id its identifier
     * @param version the version it was loaded at; 0 for a new aggregate
     */
    protected AggregateRoot(ID id, long version) {
        this.id = Objects.requireNonNull(id, "id");
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, was " + version);
        }
        this.version = version;
    }

    /**
     * Returns the identifier.
     *
     * @return the id
     */
    public final ID id() {
        return id;
    }

    /**
     * Returns the version this instance was loaded at, or saved at last.
     *
     * @return the version; 0 for an aggregate never saved
     */
    public final long version() {
        return version;
    }

    /**
     * Records an event that describes a change just made. Call it from the aggregate's own
     * methods, after the state changed.
     *
     * @param event the event
     */
    protected void record(DomainEvent event) {
        pending.add(Objects.requireNonNull(event, "event"));
    }

    /**
     * Returns the events recorded since the aggregate was loaded or last saved.
     *
     * @return an unmodifiable view, in recording order
     */
    public final List<DomainEvent> pendingEvents() {
        return Collections.unmodifiableList(pending);
    }

    /**
     * Called by a repository once the state and the pending events are saved: sets the version
     * and clears the pending events. Not for application code.
     *
     * @param savedVersion the version now stored
     */
    public final void markSaved(long savedVersion) {
        this.version = savedVersion;
        pending.clear();
    }
}
