package dev.myelin.data.memory;

import dev.myelin.core.DomainEvent;
import dev.myelin.data.AggregateConflictException;
import dev.myelin.data.events.AppendResult;
import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.ExpectedVersion;
import dev.myelin.data.events.StoredEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventStore} in memory, with the contract's semantics: gap-free stream versions,
 * expected-version conflicts, global reads in position order that never skip.
 *
 * <p><b>Transactions.</b> An append inside a transaction of the {@link InMemoryTransactions} given
 * is undone if it rolls back (its positions stay unused, as a PostgreSQL sequence's would) and is
 * invisible to {@link #readAll} and subscriptions until it commits: readers see only positions
 * below the oldest append still in flight. {@link #readStream} sees uncommitted appends (read
 * uncommitted), so a second writer of a stream with a pending append conflicts at once, where
 * PostgreSQL would wait for the first.
 *
 * <p><b>Subscriptions.</b> Each runs on its own daemon thread: catch-up, then sleeps until a commit
 * wakes it. No polling.
 *
 * <p>Thread-safe. Events are stored as given (events are records: keep them immutable); type names
 * are class names, schema version 1.
 *
 * @since 0.1
 */
public final class InMemoryEventStore implements EventStore {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryEventStore.class);

    private final InMemoryTransactions transactions;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private final NavigableMap<Long, StoredEvent> all = new TreeMap<>();
    private final Map<String, List<StoredEvent>> streams = new HashMap<>();
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long lastPosition;

    /**
     * Creates an empty store.
     *
     * @param transactions whose rollbacks undo appends
     * @param clock the clock of {@link StoredEvent#recordedAt()}
     */
    public InMemoryEventStore(InMemoryTransactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AppendResult append(String streamId, ExpectedVersion expected, List<? extends DomainEvent> events,
            EventMetadata metadata) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("Append at least one event");
        }
        List<StoredEvent> appended = new ArrayList<>(events.size());
        long first;
        lock.lock();
        try {
            List<StoredEvent> stream = streams.computeIfAbsent(streamId, id -> new ArrayList<>());
            long current = stream.size();
            check(streamId, expected, current);
            Instant now = clock.instant();
            first = lastPosition + 1;
            for (DomainEvent event : events) {
                StoredEvent stored = new StoredEvent(++lastPosition, streamId, current + appended.size() + 1,
                        UUID.randomUUID().toString(), event.getClass().getName(), 1, event, metadata, now);
                appended.add(stored);
                stream.add(stored);
                all.put(stored.position(), stored);
            }
            inFlight.add(first);
        } finally {
            lock.unlock();
        }
        transactions.onRollback(() -> undo(streamId, appended));
        transactions.onCompletion(() -> commit(first));
        return new AppendResult(appended);
    }

    private static void check(String streamId, ExpectedVersion expected, long current) {
        long wanted;
        if (expected instanceof ExpectedVersion.Exactly exactly) {
            wanted = exactly.version();
        } else if (expected instanceof ExpectedVersion.NoStream) {
            wanted = 0;
        } else {
            return;
        }
        if (current != wanted) {
            int dash = streamId.indexOf('-');
            String category = dash > 0 ? streamId.substring(0, dash) : streamId;
            throw new AggregateConflictException(category, streamId, wanted,
                    current == 0 ? AggregateConflictException.NONE : current);
        }
    }

    private void undo(String streamId, List<StoredEvent> appended) {
        lock.lock();
        try {
            List<StoredEvent> stream = streams.get(streamId);
            stream.removeAll(appended);
            if (stream.isEmpty()) {
                streams.remove(streamId);
            }
            appended.forEach(event -> all.remove(event.position()));
        } finally {
            lock.unlock();
        }
    }

    private void commit(long firstPosition) {
        lock.lock();
        try {
            inFlight.remove(firstPosition);
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StoredEvent> readStream(String streamId, long fromVersion, int maxCount) {
        lock.lock();
        try {
            List<StoredEvent> stream = streams.getOrDefault(streamId, List.of());
            int from = (int) Math.max(0, Math.min(fromVersion - 1, stream.size()));
            return List.copyOf(stream.subList(from, (int) Math.min(stream.size(), (long) from + maxCount)));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StoredEvent> readStreamBackwards(String streamId, long fromVersion, int maxCount) {
        lock.lock();
        try {
            List<StoredEvent> stream = streams.getOrDefault(streamId, List.of());
            List<StoredEvent> result = new ArrayList<>();
            for (long version = Math.min(fromVersion, stream.size()); version >= 1 && result.size() < maxCount; version--) {
                result.add(stream.get((int) version - 1));
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StoredEvent> readAll(long afterPosition, int maxCount) {
        lock.lock();
        try {
            return visibleAfter(afterPosition, maxCount);
        } finally {
            lock.unlock();
        }
    }

    private List<StoredEvent> visibleAfter(long afterPosition, int maxCount) {
        long limit = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.first();
        List<StoredEvent> result = new ArrayList<>();
        for (StoredEvent event : all.tailMap(afterPosition, false).values()) {
            if (event.position() >= limit || result.size() >= maxCount) {
                break;
            }
            result.add(event);
        }
        return result;
    }

    @Override
    public long lastPosition() {
        lock.lock();
        try {
            long limit = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.first();
            Long below = all.lowerKey(limit);
            return below == null ? 0 : below;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Subscription subscribe(long afterPosition, Consumer<StoredEvent> handler) {
        return new LiveSubscription(afterPosition, handler);
    }

    /** A subscription's thread: reads what is visible, then waits for the next commit. */
    private final class LiveSubscription implements Subscription {
        private final Thread thread;
        private volatile long position;
        private volatile boolean open = true;

        LiveSubscription(long afterPosition, Consumer<StoredEvent> handler) {
            this.position = afterPosition;
            this.thread = new Thread(() -> run(handler), "myelin-memory-subscription");
            thread.setDaemon(true);
            thread.start();
        }

        private void run(Consumer<StoredEvent> handler) {
            while (open) {
                List<StoredEvent> batch;
                lock.lock();
                try {
                    batch = visibleAfter(position, 256);
                    while (batch.isEmpty() && open) {
                        committed.await();
                        batch = visibleAfter(position, 256);
                    }
                } catch (InterruptedException interrupted) {
                    return;
                } finally {
                    lock.unlock();
                }
                for (StoredEvent event : batch) {
                    if (!open) {
                        return;
                    }
                    try {
                        handler.accept(event);
                    } catch (RuntimeException failure) {
                        LOG.warn("A subscription handler failed at position {}; the subscription stops", event.position(),
                                failure);
                        open = false;
                        return;
                    }
                    position = event.position();
                }
            }
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void close() {
            open = false;
            lock.lock();
            try {
                committed.signalAll();
            } finally {
                lock.unlock();
            }
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(10_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
