package dev.myelin.data;

import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.core.DomainEvent;
import dev.myelin.core.RequestContext;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.snapshot.Snapshot;
import dev.myelin.data.snapshot.SnapshotStore;
import dev.myelin.data.snapshot.Snapshottable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link Repository} of event-sourced aggregates over any {@link EventStore}: one stream per
 * aggregate, named {@code <AggregateType>-<id>}; loading replays it, saving appends the pending
 * events with the aggregate's version as the expected version.
 *
 * <pre>{@code
 * EventStore events = AfterAppend.builder(eventStore, transactions).outbox(dispatcher).build();
 * Repository<Order, String> orders = EventSourcedRepository.builder(Order.class, Order::new, events, transactions)
 *         .snapshots(snapshotStore, 100)
 *         .build();
 * }</pre>
 *
 * <p><b>Transactions.</b> Saving appends the events in the caller's transaction, with metadata from
 * the current {@link RequestContext}; an {@link AfterAppend} store feeds them to inline projections
 * and the outbox in that transaction. Loaded and saved in one transaction, the append expects the
 * version read in it, which {@code PostgresEventStore} then checks with its unique key alone (no lookup
 * of the version read, unless a snapshot left no events to read). Snapshots are saved
 * after that transaction commits, so a snapshot never reflects rolled-back events.
 *
 * <p><b>Snapshots.</b> When a snapshot store is set with {@code every = N > 0} and the aggregate
 * implements {@link Snapshottable}, a save that crosses a multiple of N stores the aggregate's
 * state; loading restores the newest snapshot, then replays only the events after it.
 *
 * <p><b>Removal.</b> An event log forgets nothing: {@link #remove} appends the pending events (say,
 * {@code OrderCancelled}) and leaves the stream; the aggregate decides what "removed" means.
 *
 * <p>Thread-safe; each aggregate instance belongs to one unit of work.
 *
 * @param <T> the aggregate type
 * @param <ID> the identifier type
 * @since 0.1
 */
public final class EventSourcedRepository<T extends EventSourcedAggregate<ID>, ID> implements Repository<T, ID> {

    private static final int PAGE = 500;

    private final String aggregateType;
    private final Function<ID, T> factory;
    private final EventStore eventStore;
    private final TransactionRunner transactions;
    private final SnapshotStore snapshots;
    private final int snapshotEvery;

    private EventSourcedRepository(Builder<T, ID> builder) {
        this.aggregateType = builder.type.getSimpleName();
        this.factory = builder.factory;
        this.eventStore = builder.eventStore;
        this.transactions = builder.transactions;
        this.snapshots = builder.snapshots;
        this.snapshotEvery = builder.snapshotEvery;
    }

    /**
     * Starts a builder.
     *
     * @param type the aggregate class; its simple name starts stream ids
     * @param factory creates an aggregate with no history from an id
     * @param eventStore where the streams live
     * @param transactions whose after-commit callbacks save snapshots
     * @param <T> the aggregate type
     * @param <ID> the identifier type
     * @return a builder
     */
    public static <T extends EventSourcedAggregate<ID>, ID> Builder<T, ID> builder(Class<T> type, Function<ID, T> factory,
            EventStore eventStore, TransactionRunner transactions) {
        return new Builder<>(type, factory, eventStore, transactions);
    }

    /**
     * Returns the stream id of an aggregate.
     *
     * @param id the aggregate's id
     * @return {@code <AggregateType>-<id>}
     */
    public String streamId(ID id) {
        return aggregateType + "-" + id;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<T> get(ID id) {
        String stream = streamId(id);
        T aggregate = factory.apply(id);
        long version = 0;
        if (snapshotEvery > 0 && aggregate instanceof Snapshottable<?> snapshottable) {
            Optional<Snapshot> snapshot = snapshots.load(stream);
            if (snapshot.isPresent()) {
                ((Snapshottable<Object>) snapshottable).restoreSnapshotState(snapshot.get().state());
                version = snapshot.get().version();
            }
        }
        List<DomainEvent> history = new ArrayList<>();
        while (true) {
            List<StoredEvent> page = eventStore.readStream(stream, version + 1, PAGE);
            for (StoredEvent event : page) {
                history.add(event.event());
                version = event.streamVersion();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        if (version == 0) {
            return Optional.empty();
        }
        aggregate.replay(history, version);
        return Optional.of(aggregate);
    }

    @Override
    public void add(T aggregate) {
        if (aggregate.version() != 0) {
            throw new IllegalArgumentException(aggregateType + " '" + aggregate.id() + "' was loaded at version "
                    + aggregate.version() + "; use update");
        }
        save(aggregate, ExpectedVersion.noStream());
    }

    @Override
    public void update(T aggregate) {
        if (aggregate.version() == 0) {
            throw new IllegalArgumentException(aggregateType + " '" + aggregate.id() + "' was never saved; use add");
        }
        save(aggregate, ExpectedVersion.exactly(aggregate.version()));
    }

    @Override
    public void remove(T aggregate) {
        update(aggregate);
    }

    private void save(T aggregate, ExpectedVersion expected) {
        List<DomainEvent> pending = List.copyOf(aggregate.pendingEvents());
        if (pending.isEmpty()) {
            return;
        }
        String stream = streamId(aggregate.id());
        long before = aggregate.version();
        AppendResult result;
        try {
            result = eventStore.append(stream, expected, pending, EventMetadata.of(RequestContext.current()));
        } catch (AggregateConflictException conflict) {
            throw new AggregateConflictException(aggregateType, aggregate.id(), before, conflict.actualVersion());
        }
        long after = result.streamVersion();
        if (snapshotEvery > 0 && aggregate instanceof Snapshottable<?> snapshottable
                && after / snapshotEvery > before / snapshotEvery) {
            Snapshot snapshot = new Snapshot(stream, after, snapshottable.snapshotState());
            transactions.afterCommit(() -> snapshots.save(snapshot));
        }
        aggregate.markSaved(after);
    }

    /**
     * Builds an {@link EventSourcedRepository}. Not thread-safe.
     *
     * @param <T> the aggregate type
     * @param <ID> the identifier type
     * @since 0.1
     */
    public static final class Builder<T extends EventSourcedAggregate<ID>, ID> {
        private final Class<T> type;
        private final Function<ID, T> factory;
        private final EventStore eventStore;
        private final TransactionRunner transactions;
        private SnapshotStore snapshots;
        private int snapshotEvery;

        private Builder(Class<T> type, Function<ID, T> factory, EventStore eventStore, TransactionRunner transactions) {
            this.type = Objects.requireNonNull(type, "type");
            this.factory = Objects.requireNonNull(factory, "factory");
            this.eventStore = Objects.requireNonNull(eventStore, "eventStore");
            this.transactions = Objects.requireNonNull(transactions, "transactions");
        }

        /**
         * Turns snapshots on.
         *
         * @param store where snapshots are kept
         * @param every take one each time the version crosses a multiple of this; 0 turns them off
         * @return this builder
         */
        public Builder<T, ID> snapshots(SnapshotStore store, int every) {
            if (every < 0) {
                throw new IllegalArgumentException("every must be >= 0, was " + every);
            }
            this.snapshots = Objects.requireNonNull(store, "store");
            this.snapshotEvery = every;
            return this;
        }

        /**
         * Builds the repository.
         *
         * @return the repository
         */
        public EventSourcedRepository<T, ID> build() {
            return new EventSourcedRepository<>(this);
        }
    }
}
