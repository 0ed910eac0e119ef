package dev.myelin.data.memory;

import dev.myelin.data.outbox.DeadLetter;
import dev.myelin.data.outbox.OutboxDelivery;
import dev.myelin.data.outbox.OutboxEntry;
import dev.myelin.data.outbox.OutboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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
    private final Map<Long, Row> pending = new TreeMap<>();
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
            pending.put(row.id, row);
            ids.add(row.id);
        }
        transactions.onRollback(() -> {
            synchronized (this) {
                ids.forEach(pending::remove);
            }
        });
    }

    @Override
    public synchronized List<OutboxDelivery> claim(Instant now, Instant claimUntil, int maxCount) {
        Set<String> blocked = new HashSet<>();
        for (Row row : pending.values()) {
            if (row.nextAttemptAt.isAfter(now)) {
                blocked.add(row.event.handler());
            }
        }
        List<Row> due = pending.values().stream()
                .filter(row -> !blocked.contains(row.event.handler()))
                .sorted(POSITION_ORDER)
                .limit(maxCount)
                .toList();
        due.forEach(row -> row.nextAttemptAt = claimUntil);
        return due.stream().map(Row::delivery).toList();
    }

    @Override
    public synchronized void delivered(long id) {
        Row removed = pending.remove(id);
        if (removed != null) {
            transactions.onRollback(() -> {
                synchronized (this) {
                    pending.put(id, removed);
                }
            });
        }
    }

    @Override
    public synchronized void release(long id) {
        Row row = pending.get(id);
        if (row != null) {
            row.nextAttemptAt = Instant.MIN;
        }
    }

    @Override
    public synchronized void retryLater(long id, int attempts, Instant nextAttemptAt, String error) {
        Row row = pending.get(id);
        if (row != null) {
            row.attempts = attempts;
            row.nextAttemptAt = nextAttemptAt;
            row.error = error;
        }
    }

    @Override
    public synchronized void moveToDeadLetters(long id, int attempts, String error, Instant failedAt) {
        Row row = pending.remove(id);
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
