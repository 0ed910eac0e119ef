package dev.myelin.data.projection;

import dev.myelin.core.meta.Experimental;

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
}
