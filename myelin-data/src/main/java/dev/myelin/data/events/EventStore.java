package dev.myelin.data.events;

import dev.myelin.core.DomainEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * An append-only log of events, organised in streams (one per aggregate).
 *
 * <p><b>Transactions.</b> An append made inside a transaction (of the
 * {@code TransactionRunner} in use) commits or rolls back with it; outside one it commits on its
 * own.
 *
 * <p><b>Concurrency.</b> Each stream's versions are 1, 2, 3... without gaps; two appends that
 * expect the same version cannot both succeed: the second throws
 * {@link dev.myelin.data.AggregateConflictException} and appends nothing.
 *
 * <p><b>Global order.</b> {@link #readAll} and subscriptions deliver every committed event exactly
 * once per reader and never skip one: an event that commits after a reader has passed a higher
 * position is still delivered. The read order is the order in which events became safe to read:
 * position order within a transaction and, in practice, almost always across transactions, but a
 * store may deliver a lower position after a higher one that committed first (PostgreSQL orders by
 * transaction id, then position). A reader's checkpoint is therefore the position of the
 * <em>last event it handled</em>, which {@code readAll} and {@code subscribe} continue after.
 *
 * <p><b>Reading.</b> The reads ({@link EventReader}) are the store's reading half: a component that
 * only reads events (a query handler folding a stream, a report) takes an {@code EventReader}, which
 * cannot append.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface EventStore extends EventReader {

    /**
     * Appends events to a stream.
     *
     * @param streamId the stream
     * @param expected what the stream must be for the append to succeed
     * @param events the events, at least one
     * @param metadata the metadata of every event appended
     * @return what was stored: every event with its position, version and id, as written
     * @throws dev.myelin.data.AggregateConflictException when the expectation does not hold
     */
    AppendResult append(String streamId, ExpectedVersion expected, List<? extends DomainEvent> events,
            EventMetadata metadata);

    /**
     * Delivers every event after a position, first those already stored (catch-up), then new ones
     * as they commit (live), one at a time, in read order, on a thread of the store.
     *
     * @param afterPosition the position of the last event already handled; 0 for the start
     * @param handler called for each event; an exception stops the subscription
     * @return the subscription, to close when done
     */
    Subscription subscribe(long afterPosition, Consumer<StoredEvent> handler);

    /**
     * Calls {@code listener} after events are committed to this store, without reading them: for a reader
     * that reads the log itself and only needs to know when to look (the projection daemon). At least once
     * after each commit that stored events, by this process or (for a shared database) another, possibly
     * late (a lost notification is made up by the reader's own polling) and possibly once for several
     * commits or several times for one. On a thread of the store or the committing thread: return at once,
     * do not throw, do not read here.
     *
     * <p>By default a {@link #subscribe} from {@link #lastPosition()} that calls the listener for each
     * event (it reads them); stores override it with a signal that reads nothing.
     *
     * @param listener what to call
     * @return the listening, to close when done
     */
    default Listening onAppended(Runnable listener) {
        Subscription subscription = subscribe(lastPosition(), event -> listener.run());
        return subscription::close;
    }

    /**
     * A running {@link #onAppended} listener.
     *
     * @since 0.1
     */
    @FunctionalInterface
    interface Listening extends AutoCloseable {

        /** Stops calling the listener; a call in progress may complete. */
        @Override
        void close();
    }

    /**
     * A running subscription.
     *
     * @since 0.1
     */
    interface Subscription extends AutoCloseable {

        /**
         * Returns the position of the last event delivered.
         *
         * @return the position; the starting position before the first delivery
         */
        long position();

        /** Stops delivering; waits for the event being delivered, if any. */
        @Override
        void close();
    }
}
