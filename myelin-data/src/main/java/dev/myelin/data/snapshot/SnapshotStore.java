package dev.myelin.data.snapshot;

import dev.myelin.core.meta.Experimental;
import java.util.Optional;

/**
 * Keeps the latest snapshot of each stream. A snapshot is a cache: losing one only makes the next
 * load replay more events, so stores may keep just the newest per stream.
 *
 * <p><b>Transactions.</b> The {@link dev.myelin.data.EventSourcedRepository} saves snapshots after
 * the transaction that appended the events commits, never inside it, so a snapshot never reflects
 * events that were rolled back.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
@Experimental
public interface SnapshotStore {

    /**
     * Saves a snapshot, replacing an older one of the same stream. A snapshot older than the one
     * stored is ignored.
     *
     * @param snapshot the snapshot
     */
    void save(Snapshot snapshot);

    /**
     * Loads the newest snapshot of a stream.
     *
     * @param streamId the stream
     * @return the snapshot, or empty when there is none
     */
    Optional<Snapshot> load(String streamId);
}
