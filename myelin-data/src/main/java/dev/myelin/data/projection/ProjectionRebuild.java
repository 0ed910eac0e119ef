package dev.myelin.data.projection;

import dev.myelin.data.transaction.TransactionRunner;
import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.StoredEvent;
import java.util.List;

/**
 * One rebuild of a projection: replays the whole log into a fresh copy in batches, then, in the
 * transaction of the last batch, swaps the copy in and moves the checkpoint. The caller holds the
 * projection's lease and keeps its live batches from running meanwhile.
 */
final class ProjectionRebuild {

    /** What a rebuild did: the new checkpoint and how many events it replayed. */
    record Result(long checkpoint, long replayed) {
    }

    private final EventStore eventStore;
    private final TransactionRunner transactions;
    private final CheckpointStore checkpoints;
    private final int batchSize;

    ProjectionRebuild(EventStore eventStore, TransactionRunner transactions, CheckpointStore checkpoints, int batchSize) {
        this.eventStore = eventStore;
        this.transactions = transactions;
        this.checkpoints = checkpoints;
        this.batchSize = batchSize;
    }

    Result run(String projection, ProjectionTarget target, long fencingToken) {
        Projection fresh = target.fresh();
        long position = 0;
        long replayed = 0;
        while (true) {
            long after = position;
            List<StoredEvent> events = transactions.inTransaction(() -> {
                List<StoredEvent> batch = eventStore.readAll(after, batchSize);
                batch.forEach(fresh::apply);
                if (batch.size() < batchSize) {
                    // The last batch: nothing is left to replay, so the copy is complete up to here.
                    long last = batch.isEmpty() ? after : batch.get(batch.size() - 1).position();
                    target.swap();
                    checkpoints.load(projection);
                    if (!checkpoints.save(projection, last, fencingToken)) {
                        throw new ProjectionBatches.LeaseLostException(projection);
                    }
                }
                return batch;
            }, result -> true);
            replayed += events.size();
            if (!events.isEmpty()) {
                position = events.get(events.size() - 1).position();
            }
            if (events.size() < batchSize) {
                return new Result(position, replayed);
            }
        }
    }
}
