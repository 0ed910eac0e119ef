package dev.myelin.data.memory;

import dev.myelin.data.outbox.DeadLetter;
import dev.myelin.data.outbox.OutboxBacklog;
import dev.myelin.data.outbox.OutboxDelivery;
import dev.myelin.data.outbox.OutboxEntry;
import dev.myelin.data.outbox.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An {@link OutboxStore} in memory. Enqueued and delivered rows are undone when the
 * {@link InMemoryTransactions} transaction they were written in rolls back; claims, failures and
 * dead-letter changes are kept (the dispatcher makes each in a transaction of its own).
 *
 * <p>Thread-safe: every method holds the store's monitor.
 *
 * @since 0.1
 */
public final class InMemoryOutboxStore implements OutboxStore {

    private static final Comparator<Row> POSITION_ORDER =
            Comparator.comparingLong((Row row) -> row.event.event().position()).thenComparingLong(row -> row.id);

    private final InMemoryTransactions transactions;
    private final Map<Long, Row> pending = new HashMap<>();
    // Pending rows in position order, and the few that are claimed or backing off.
    private final NavigableSet<Row> queue = new TreeSet<>(POSITION_ORDER);
    private final Set<Row> waiting = new HashSet<>();
    private final TreeMap<Long, Row> dead = new TreeMap<>();
    private long lastId;

    /**
     * Creates an empty store.
     *
     * @param transactions whose rollbacks undo enqueues and acknowledgements
     */
    public InMemoryOutboxStore(InMemoryTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public synchronized void enqueue(List<OutboxEntry> entries) {
        List<Long> ids = new ArrayList<>(entries.size());
        for (OutboxEntry entry : entries) {
            Row row = new Row(++lastId, entry, Instant.MIN);
            add(row);
            ids.add(row.id);
        }
        transactions.onRollback(() -> {
            synchronized (this) {
                ids.forEach(this::remove);
            }
        });
    }

    @Override
    public synchronized List<OutboxDelivery> claim(Set<String> handlers, Instant now, Instant claimUntil,
            int maxCount) {
        Set<String> blocked = new HashSet<>();
        for (Row row : waiting) {
            if (row.nextAttemptAt.isAfter(now)) {
                blocked.add(row.event.handler());
            }
        }
        List<OutboxDelivery> claimed = new ArrayList<>();
        for (Row row : queue) {
            if (claimed.size() >= maxCount) {
                break;
            }
            String handler = row.event.handler();
            if (handlers.contains(handler) && !blocked.contains(handler) && !row.nextAttemptAt.isAfter(now)) {
                schedule(row, claimUntil);
                claimed.add(row.delivery());
            }
        }
        return claimed;
    }

    @Override
    public synchronized void delivered(long id) {
        Row removed = remove(id);
        if (removed != null) {
            transactions.onRollback(() -> {
                synchronized (this) {
                    add(removed);
                }
            });
        }
    }

    @Override
    public synchronized void release(long id) {
        Row row = pending.get(id);
        if (row != null) {
            schedule(row, Instant.MIN);
        }
    }

    private void add(Row row) {
        pending.put(row.id, row);
        queue.add(row);
        if (row.nextAttemptAt != Instant.MIN) {
            waiting.add(row);
        }
    }

    private Row remove(long id) {
        Row row = pending.remove(id);
        if (row != null) {
            queue.remove(row);
            waiting.remove(row);
        }
        return row;
    }

    private void schedule(Row row, Instant nextAttemptAt) {
        row.nextAttemptAt = nextAttemptAt;
        if (nextAttemptAt == Instant.MIN) {
            waiting.remove(row);
        } else {
            waiting.add(row);
        }
    }

    @Override
    public synchronized void retryLater(long id, int attempts, Instant nextAttemptAt, String error) {
        Row row = pending.get(id);
        if (row != null) {
            row.attempts = attempts;
            row.error = error;
            schedule(row, nextAttemptAt);
        }
    }

    @Override
    public synchronized void moveToDeadLetters(long id, int attempts, String error, Instant failedAt) {
        Row row = remove(id);
        if (row != null) {
            row.attempts = attempts;
            row.error = error;
            row.failedAt = failedAt;
            dead.put(row.id, row);
        }
    }

    @Override
    public synchronized long pendingCount() {
        return pending.size();
    }

    /** The oldest pending delivery's age is that of its event's {@code recordedAt}. */
    @Override
    public synchronized OutboxBacklog backlog(Instant now, Set<String> handlers) {
        Instant oldest = null;
        long absent = 0;
        for (Row row : pending.values()) {
            if (!handlers.contains(row.event.handler())) {
                absent++;
            }
            Instant recorded = row.event.event().recordedAt();
            if (oldest == null || recorded.isBefore(oldest)) {
                oldest = recorded;
            }
        }
        Duration age = oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
        return new OutboxBacklog(pending.size(), age, dead.size(), absent);
    }

    @Override
    public synchronized List<DeadLetter> deadLetters(long afterId, int maxCount) {
        return dead.tailMap(afterId, false).values().stream().limit(maxCount).map(Row::deadLetter).toList();
    }

    @Override
    public synchronized Optional<OutboxDelivery> deadLetter(long id) {
        return Optional.ofNullable(dead.get(id)).map(Row::delivery);
    }

    @Override
    public synchronized void deadLetterFailedAgain(long id, int attempts, String error, Instant failedAt) {
        Row row = dead.get(id);
        if (row != null) {
            row.attempts = attempts;
            row.error = error;
            row.failedAt = failedAt;
        }
    }

    @Override
    public synchronized boolean dropDeadLetter(long id) {
        Row removed = dead.remove(id);
        if (removed != null) {
            transactions.onRollback(() -> {
                synchronized (this) {
                    dead.put(id, removed);
                }
            });
        }
        return removed != null;
    }

    /** One delivery or dead letter. Guarded by the store's monitor. */
    private static final class Row {
        final long id;
        final OutboxEntry event;
        Instant nextAttemptAt;
        int attempts;
        String error = "";
        Instant failedAt;

        Row(long id, OutboxEntry event, Instant nextAttemptAt) {
            this.id = id;
            this.event = event;
            this.nextAttemptAt = nextAttemptAt;
        }

        OutboxDelivery delivery() {
            return new OutboxDelivery(id, event.event(), event.handler(), attempts);
        }

        DeadLetter deadLetter() {
            return new DeadLetter(id, event.event().eventId(), event.event().position(), event.event().type(),
                    event.handler(), attempts, error, failedAt);
        }
    }
}
