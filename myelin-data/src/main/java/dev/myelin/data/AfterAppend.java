package dev.myelin.data;

import dev.myelin.core.DomainEvent;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.outbox.Outbox;
import dev.myelin.data.projection.Projection;
import dev.myelin.data.transaction.TransactionRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one step that follows every append: an {@link EventStore} that hands what each append stored
 * (its {@link AppendResult}: positions, versions, ids, as written) first to the inline projections,
 * then to the outbox, inside the appending transaction. Give it to repositories in place of the store
 * it wraps; repositories then only append.
 *
 * <pre>{@code
 * EventStore events = AfterAppend.builder(postgresEventStore, transactions)
 *         .projection(new OrderSummaryProjection(jdbc))
 *         .outbox(dispatcher)
 *         .build();
 * }</pre>
 *
 * <p><b>Transactions.</b> Inside a transaction the step runs in it: if the command rolls back, so do
 * the read-model writes and the outbox rows; if a projection or the outbox throws, the append's
 * caller gets the exception and its transaction rolls back. An append outside a transaction runs,
 * with its step, in a transaction of its own (begun by the runner), so that events, read models and
 * outbox rows still commit together. With no projection and no outbox an append goes straight to the
 * wrapped store.
 *
 * <p><b>Order.</b> Projections run in the order given, each over the appended events in stream order;
 * then the outbox gets the events once. Nothing is read back from the store. Reads are passed through
 * unchanged. Thread-safe when the wrapped store, the projections and the outbox are.
 *
 * @since 0.1
 */
public final class AfterAppend implements EventStore {

    private final EventStore delegate;
    private final TransactionRunner transactions;
    private final List<Projection> projections;
    private final Outbox outbox;
    private final boolean passThrough;

    private AfterAppend(Builder builder) {
        this.delegate = builder.delegate;
        this.transactions = builder.transactions;
        this.projections = List.copyOf(builder.projections);
        this.outbox = builder.outbox;
        this.passThrough = projections.isEmpty() && outbox == null;
    }

    /**
     * Starts a builder.
     *
     * @param delegate the store that keeps the events
     * @param transactions the runner whose transactions appends join, or that begins one for an append
     *     made outside a transaction
     * @return a builder
     */
    public static Builder builder(EventStore delegate, TransactionRunner transactions) {
        return new Builder(delegate, transactions);
    }

    @Override
    public AppendResult append(String streamId, ExpectedVersion expected, List<? extends DomainEvent> events,
            EventMetadata metadata) {
        if (passThrough) {
            return delegate.append(streamId, expected, events, metadata);
        }
        if (transactions.isActive()) {
            return appendThenStep(streamId, expected, events, metadata);
        }
        return transactions.inTransaction(() -> appendThenStep(streamId, expected, events, metadata), result -> true);
    }

    private AppendResult appendThenStep(String streamId, ExpectedVersion expected, List<? extends DomainEvent> events,
            EventMetadata metadata) {
        AppendResult result = delegate.append(streamId, expected, events, metadata);
        afterAppended(result);
        return result;
    }

    /**
     * Runs this step — the inline projections, then the outbox — on what an append made past
     * {@link #append}, by the wrapped store's own means, stored: for instance a document written with its
     * events in one statement ({@code PostgresEventStore.appendGuarded}). Call it in the appending
     * transaction, once per append, with exactly what the store returned.
     *
     * @param result what the append stored
     */
    public void afterAppended(AppendResult result) {
        List<StoredEvent> stored = result.events();
        for (int p = 0; p < projections.size(); p++) {
            projections.get(p).applyAll(stored);
        }
        if (outbox != null) {
            outbox.enqueue(stored);
        }
    }

    /**
     * Returns the store this step wraps.
     *
     * @return the store that keeps the events
     */
    public EventStore delegate() {
        return delegate;
    }

    @Override
    public List<StoredEvent> readStream(String streamId, long fromVersion, int maxCount) {
        return delegate.readStream(streamId, fromVersion, maxCount);
    }

    @Override
    public List<StoredEvent> readStreamBackwards(String streamId, long fromVersion, int maxCount) {
        return delegate.readStreamBackwards(streamId, fromVersion, maxCount);
    }

    @Override
    public List<StoredEvent> readAll(long afterPosition, int maxCount) {
        return delegate.readAll(afterPosition, maxCount);
    }

    @Override
    public long lastPosition() {
        return delegate.lastPosition();
    }

    @Override
    public Subscription subscribe(long afterPosition, Consumer<StoredEvent> handler) {
        return delegate.subscribe(afterPosition, handler);
    }

    @Override
    public Listening onAppended(Runnable listener) {
        return delegate.onAppended(listener);
    }

    /**
     * Builds an {@link AfterAppend}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final EventStore delegate;
        private final TransactionRunner transactions;
        private final List<Projection> projections = new ArrayList<>();
        private Outbox outbox;

        private Builder(EventStore delegate, TransactionRunner transactions) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
            this.transactions = Objects.requireNonNull(transactions, "transactions");
        }

        /**
         * Adds an inline projection, applied after the ones added before it.
         *
         * @param projection the projection
         * @return this builder
         */
        public Builder projection(Projection projection) {
            projections.add(Objects.requireNonNull(projection, "projection"));
            return this;
        }

        /**
         * Sets the outbox that every append's events are enqueued in, after the projections; none by
         * default.
         *
         * @param value the outbox
         * @return this builder
         */
        public Builder outbox(Outbox value) {
            this.outbox = Objects.requireNonNull(value, "outbox");
            return this;
        }

        /**
         * Builds the store.
         *
         * @return the store
         */
        public AfterAppend build() {
            return new AfterAppend(this);
        }
    }
}
