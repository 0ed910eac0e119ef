package dev.myelin.data.memory;

import dev.myelin.core.DomainEvent;
import dev.myelin.core.RequestContext;
import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.AggregateRoot;
import dev.myelin.data.Repository;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.ExpectedVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A state-stored {@link Repository} in memory: keeps a copy of each aggregate with its version,
 * appends the pending events to stream {@code <AggregateType>-<id>} of an {@link EventStore} (an
 * {@link dev.myelin.data.AfterAppend} feeds them to projections and the outbox), all in the caller's
 * transaction, as the PostgreSQL repository does. Its version grows by one per save.
 *
 * <pre>{@code
 * Repository<Order, String> orders = new InMemoryRepository<>(Order.class, Order::copy, transactions, events);
 * }</pre>
 *
 * <p><b>Copies.</b> The copier makes an independent deep copy; the repository stores a copy on
 * every save and hands a copy out on every load, so loaded instances never share state and the
 * version check is real.
 *
 * <p><b>Transactions.</b> Writes are undone if the {@link InMemoryTransactions} transaction rolls
 * back (restoring the previous copy); other threads see them before commit (read uncommitted).
 *
 * <p><b>Finders.</b> An application repository may extend this class and add finder methods over
 * {@link #find(Predicate)}.
 *
 * <p>Thread-safe.
 *
 * @param <T> the aggregate type
 * @param <ID> the identifier type
 * @since 0.1
 */
public class InMemoryRepository<T extends AggregateRoot<ID>, ID> implements Repository<T, ID> {

    private final String aggregateType;
    private final UnaryOperator<T> copier;
    private final InMemoryTransactions transactions;
    private final EventStore eventStore;
    private final Map<ID, T> aggregates = new HashMap<>();

    /**
     * Creates an empty repository.
     *
     * @param type the aggregate class; its simple name starts stream ids
     * @param copier makes an independent copy of an aggregate (its version and pending events are
     *     set by the repository)
     * @param transactions whose rollbacks undo saves
     * @param eventStore where the recorded events are appended
     */
    public InMemoryRepository(Class<T> type, UnaryOperator<T> copier, InMemoryTransactions transactions,
            EventStore eventStore) {
        this.aggregateType = type.getSimpleName();
        this.copier = Objects.requireNonNull(copier, "copier");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.eventStore = Objects.requireNonNull(eventStore, "eventStore");
    }

    @Override
    public Optional<T> get(ID id) {
        T stored;
        synchronized (aggregates) {
            stored = aggregates.get(id);
        }
        return Optional.ofNullable(stored).map(this::copyAt);
    }

    @Override
    public void add(T aggregate) {
        write(aggregate, false);
    }

    @Override
    public void update(T aggregate) {
        write(aggregate, false);
    }

    @Override
    public void remove(T aggregate) {
        write(aggregate, true);
    }

    private void write(T aggregate, boolean remove) {
        ID id = aggregate.id();
        long expected = aggregate.version();
        long next = expected + 1;
        T previous;
        synchronized (aggregates) {
            previous = aggregates.get(id);
            long actual = previous == null ? AggregateConflictException.NONE : previous.version();
            if (previous == null ? expected != 0 : actual != expected) {
                throw new AggregateConflictException(aggregateType, id, expected, actual);
            }
            if (remove) {
                aggregates.remove(id);
            } else {
                T copy = copier.apply(aggregate);
                copy.markSaved(next);
                aggregates.put(id, copy);
            }
        }
        transactions.onRollback(() -> restore(id, previous, next));
        List<DomainEvent> pending = List.copyOf(aggregate.pendingEvents());
        if (!pending.isEmpty()) {
            String stream = aggregateType + "-" + id;
            eventStore.append(stream, ExpectedVersion.any(), pending, EventMetadata.of(RequestContext.current()));
        }
        aggregate.markSaved(next);
    }

    private void restore(ID id, T previous, long writtenVersion) {
        synchronized (aggregates) {
            T current = aggregates.get(id);
            // Only undo our own write: a later writer's state is not ours to discard.
            boolean ours = current == null || current.version() == writtenVersion;
            if (ours) {
                if (previous == null) {
                    aggregates.remove(id);
                } else {
                    aggregates.put(id, previous);
                }
            }
        }
    }

    /**
     * Finds aggregates, for the finder methods of an application repository that extends this one.
     *
     * @param filter which aggregates to return
     * @return copies of the matching aggregates, each at its stored version
     */
    protected final List<T> find(Predicate<? super T> filter) {
        List<T> matching;
        synchronized (aggregates) {
            matching = aggregates.values().stream().filter(filter).toList();
        }
        return matching.stream().map(this::copyAt).toList();
    }

    private T copyAt(T stored) {
        T copy = copier.apply(stored);
        copy.markSaved(stored.version());
        return copy;
    }
}
