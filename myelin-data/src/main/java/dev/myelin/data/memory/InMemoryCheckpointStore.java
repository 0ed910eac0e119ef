package dev.myelin.data.memory;

import dev.myelin.data.projection.CheckpointStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link CheckpointStore} in memory; a save is undone when its {@link InMemoryTransactions}
 * transaction rolls back. Unlike PostgreSQL, {@link #load} takes no lock: two daemons of one
 * projection are kept apart by the lease alone. Thread-safe.
 *
 * @since 0.1
 */
public final class InMemoryCheckpointStore implements CheckpointStore {

    private final InMemoryTransactions transactions;
    private final Map<String, Saved> checkpoints = new HashMap<>();

    /**
     * Creates an empty store.
     *
     * @param transactions whose rollbacks undo saves
     */
    public InMemoryCheckpointStore(InMemoryTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public synchronized long load(String projection) {
        Saved checkpoint = checkpoints.get(projection);
        return checkpoint == null ? 0 : checkpoint.position();
    }

    @Override
    public synchronized boolean save(String projection, long position, long fencingToken) {
        Saved previous = checkpoints.get(projection);
        if (previous != null && previous.fencingToken() > fencingToken) {
            return false;
        }
        checkpoints.put(projection, new Saved(position, fencingToken));
        transactions.onRollback(() -> {
            synchronized (this) {
                if (previous == null) {
                    checkpoints.remove(projection);
                } else {
                    checkpoints.put(projection, previous);
                }
            }
        });
        return true;
    }

    private record Saved(long position, long fencingToken) {
    }
}
