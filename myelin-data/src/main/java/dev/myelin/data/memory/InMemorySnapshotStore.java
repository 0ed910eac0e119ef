package dev.myelin.data.memory;

import dev.myelin.data.snapshot.Snapshot;
import dev.myelin.data.snapshot.SnapshotStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SnapshotStore} in memory that keeps the newest snapshot per stream. Snapshots are kept
 * as given, so their state must be immutable. Thread-safe.
 *
 * @since 0.1
 */
public final class InMemorySnapshotStore implements SnapshotStore {

    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemorySnapshotStore() {
    }

    @Override
    public void save(Snapshot snapshot) {
        snapshots.merge(snapshot.streamId(), snapshot, (old, next) -> next.version() >= old.version() ? next : old);
    }

    @Override
    public Optional<Snapshot> load(String streamId) {
        return Optional.ofNullable(snapshots.get(streamId));
    }
}
