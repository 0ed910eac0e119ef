package dev.myelin.data.projection;

import dev.myelin.core.meta.Experimental;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.StoredEvent;
import java.time.Clock;
import java.util.List;

/**
 * Keeps, per projection, the global position of the last event applied.
 *
 * <p><b>Transactions.</b> Both methods run in the caller's transaction: the
 * {@link ProjectionDaemon} reads the checkpoint, applies a batch and saves the new checkpoint in
 * one transaction of its {@code TransactionRunner}, so the read model and the checkpoint commit
 * together and each event is applied exactly once.
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
}
