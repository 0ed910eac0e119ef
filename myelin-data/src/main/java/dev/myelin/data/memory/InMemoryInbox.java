package dev.myelin.data.memory;

import dev.myelin.data.outbox.Inbox;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link Inbox} in memory; a record is undone when its {@link InMemoryTransactions}
 * transaction rolls back. Thread-safe.
 *
 * @since 0.1
 */
public final class InMemoryInbox implements Inbox {

    private final InMemoryTransactions transactions;
    private final Set<String> processed = ConcurrentHashMap.newKeySet();

    /**
     * Creates an empty inbox.
     *
     * @param transactions whose rollbacks undo records
     */
    public InMemoryInbox(InMemoryTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public boolean markProcessed(String handler, String eventId) {
        String key = key(handler, eventId);
        if (!processed.add(key)) {
            return false;
        }
        transactions.onRollback(() -> processed.remove(key));
        return true;
    }

    @Override
    public boolean isProcessed(String handler, String eventId) {
        return processed.contains(key(handler, eventId));
    }

    private static String key(String handler, String eventId) {
        return handler + '\u0000' + eventId;
    }
}
