package dev.myelin.data.projection;

import dev.myelin.core.meta.Experimental;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.StoredEvent;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps, per projection, the global position of the last event applied.
 *
 * <p><b>Transactions.</b> Loads and saves run in the caller's transaction: the
 * {@link ProjectionDaemon} reads the checkpoint, applies a batch and saves the new checkpoint in
 * one transaction of its {@code TransactionRunner}, so the read model and the checkpoint commit
 * together and each event is applied exactly once. A round of several projections uses
 * {@link #loadAll} and {@link #saveAll}, which stores may answer in one statement each; their
 * defaults call {@link #load} and {@link #save} once per projection.
 *
 * <p><b>Fencing.</b> {@link #save} refuses a token lower than the highest token that saved before:
 * an owner whose lease expired and was taken over cannot move the checkpoint any more.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
@Experimental
public interface CheckpointStore {

    /**
     * Loads a projection's checkpoint.
     *
     * Inside a transaction it locks the checkpoint until the transaction ends (PostgreSQL:
     * {@code SELECT ... FOR UPDATE}), so that two batches of one projection never overlap.
     *
     * @param projection the projection's name
     * @return the position of the last event applied; 0 when none
     */
    long load(String projection);

    /**
     * Saves a projection's checkpoint.
     *
     * @param projection the projection's name
     * @param position the position of the last event applied
     * @param fencingToken the token of the lease under which the batch was applied
     * @return {@code false} when a higher token saved before: the caller must roll back
     */
    boolean save(String projection, long position, long fencingToken);

    /**
     * Loads the checkpoints of several projections, each as {@link #load} does (locking it inside a
     * transaction). This default calls {@link #load} for each, in the given order.
     *
     * @param projections the projections' names
     * @return each projection's position (0 when none), keyed by name
     */
    default Map<String, Long> loadAll(Collection<String> projections) {
        Map<String, Long> positions = new LinkedHashMap<>();
        for (String projection : projections) {
            positions.put(projection, load(projection));
        }
        return positions;
    }

    /**
     * Saves the checkpoints of several projections, each as {@link #save} does: a checkpoint whose token
     * is lower than one that saved before is refused, the others are saved. This default calls
     * {@link #save} for each, in the given order.
     *
     * @param checkpoints the checkpoints, at most one per projection
     * @return the names of the projections whose checkpoint was refused; when not empty the caller must
     *     roll back
     * @throws IllegalArgumentException when two checkpoints name the same projection
     */
    default Set<String> saveAll(Collection<Checkpoint> checkpoints) {
        Checkpoint.requireDistinct(checkpoints);
        Set<String> refused = new LinkedHashSet<>();
        for (Checkpoint checkpoint : checkpoints) {
            if (!save(checkpoint.projection(), checkpoint.position(), checkpoint.fencingToken())) {
                refused.add(checkpoint.projection());
            }
        }
        return refused;
    }

    /**
     * Returns how far a projection is behind the log, from the checkpoint this store holds (not from what
     * any daemon remembers), so the answer is the same on every instance and right after a restart.
     * Takes no lock and never waits for a batch in progress. This default loads the checkpoint, takes the
     * log's {@link EventStore#lastPosition()} as the head and reads the oldest event not applied; stores
     * whose read order is not position order answer in read order instead (PostgreSQL).
     *
     * @param projection the projection's name
     * @param log the event log the projection reads
     * @param clock the clock the age of the oldest event not applied is measured with
     * @return the lag
     */
    default ProjectionLag lag(String projection, EventStore log, Clock clock) {
        long checkpoint = load(projection);
        long head = Math.max(checkpoint, log.lastPosition());
        long behind = head - checkpoint;
        long millis = 0;
        if (behind > 0) {
            List<StoredEvent> oldest = log.readAll(checkpoint, 1);
            millis = oldest.isEmpty() ? 0 : Math.max(0, clock.millis() - oldest.get(0).recordedAt().toEpochMilli());
        }
        return new ProjectionLag(projection, checkpoint, head, behind, millis);
    }

    /**
     * A checkpoint to save.
     *
     * @param projection the projection's name
     * @param position the position of the last event applied
     * @param fencingToken the token of the lease under which the batch was applied
     */
    record Checkpoint(String projection, long position, long fencingToken) {

        /**
         * Checks the name.
         *
         * @param projection the projection's name
         * @param position the position of the last event applied
         * @param fencingToken the token of the lease under which the batch was applied
         */
        public Checkpoint {
            Objects.requireNonNull(projection, "projection");
        }

        /**
         * Throws when two checkpoints name the same projection.
         *
         * @param checkpoints the checkpoints
         */
        static void requireDistinct(Collection<Checkpoint> checkpoints) {
            Set<String> names = new HashSet<>();
            for (Checkpoint checkpoint : checkpoints) {
                if (!names.add(checkpoint.projection())) {
                    throw new IllegalArgumentException("Two checkpoints of projection " + checkpoint.projection());
                }
            }
        }
    }
}
