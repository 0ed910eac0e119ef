package dev.myelin.data.projection;

import dev.myelin.data.events.EventStore;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.transaction.TransactionRunner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link ProjectionDaemon} applies batches: every owned projection's batch and checkpoint in one
 * transaction ({@link #together}), or one projection's in transactions of its own, halving the batch while
 * it fails ({@link #alone}). A checkpoint refused for a stale fencing token rolls the batch back. Called
 * under the daemon's monitor only.
 */
final class ProjectionBatches {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionDaemon.class);

    private final EventStore eventStore;
    private final TransactionRunner transactions;
    private final CheckpointStore checkpoints;
    private final int batchSize;

    ProjectionBatches(EventStore eventStore, TransactionRunner transactions, CheckpointStore checkpoints, int batchSize) {
        this.eventStore = eventStore;
        this.transactions = transactions;
        this.checkpoints = checkpoints;
        this.batchSize = batchSize;
    }

    /**
     * What {@link #alone} did.
     *
     * @param applied the events applied and committed
     * @param failure why the event after the track's checkpoint failed alone; null when nothing failed
     */
    record Outcome(int applied, RuntimeException failure) {
    }

    /**
     * Applies a batch to every track in ONE transaction: the checkpoints are loaded together and saved
     * together ({@link CheckpointStore#loadAll}, {@link CheckpointStore#saveAll}); projections at one
     * checkpoint share a read. The tracks' checkpoints move only after the commit.
     *
     * @return the events applied, all tracks together
     * @throws RuntimeException when the transaction rolled back (a projection threw, a checkpoint was refused)
     */
    int together(List<ProjectionTrack> owned) {
        List<Batch> batches = transactions.inTransaction(() -> applyTogether(owned), result -> true);
        int applied = 0;
        for (int i = 0; i < owned.size(); i++) {
            owned.get(i).afterBatch(batches.get(i).from(), batches.get(i).events());
            applied += batches.get(i).events().size();
        }
        return applied;
    }

    private List<Batch> applyTogether(List<ProjectionTrack> owned) {
        List<String> names = new ArrayList<>(owned.size());
        owned.forEach(track -> names.add(track.name()));
        Map<String, Long> positions = checkpoints.loadAll(names);
        Map<Long, List<StoredEvent>> reads = new HashMap<>();
        List<Batch> batches = new ArrayList<>(owned.size());
        List<CheckpointStore.Checkpoint> saves = new ArrayList<>(owned.size());
        for (ProjectionTrack track : owned) {
            long checkpoint = positions.getOrDefault(track.name(), 0L);
            List<StoredEvent> events = reads.computeIfAbsent(checkpoint, from -> eventStore.readAll(from, batchSize));
            track.projection.applyAll(events);
            if (!events.isEmpty()) {
                saves.add(new CheckpointStore.Checkpoint(track.name(), events.get(events.size() - 1).position(),
                        track.lease.fencingToken()));
            }
            batches.add(new Batch(checkpoint, events));
        }
        if (!saves.isEmpty()) {
            Set<String> refused = checkpoints.saveAll(saves);
            if (!refused.isEmpty()) {
                throw new LeaseLostException(refused.iterator().next());
            }
        }
        return batches;
    }

    /**
     * Applies one track's batch in a transaction of its own. While it fails the batch is halved, down to one
     * event; after a smaller batch commits, the next ones of that size follow, until the failing event fails
     * alone (the events before it are applied) or the log's end. A refused checkpoint (a newer lease holder)
     * drops the track's lease.
     */
    Outcome alone(ProjectionTrack track) {
        ProjectionLease.Lease lease = track.lease;
        int applied = 0;
        int size = batchSize;
        long[] loaded = {track.checkpoint};
        while (true) {
            int limit = size;
            Batch batch;
            try {
                batch = transactions.inTransaction(() -> applyBatch(track, lease, limit, loaded), result -> true);
            } catch (LeaseLostException lost) {
                LOG.info("Projection {} is owned by a newer lease holder; this daemon stops applying it", track.name());
                track.lease = null;
                return new Outcome(applied, null);
            } catch (RuntimeException failure) {
                if (limit > 1) {
                    size = limit / 2;
                    continue;
                }
                // The checkpoint the failed attempt started from: committed, and the failing event is the next.
                track.checkpoint = loaded[0];
                return new Outcome(applied, failure);
            }
            track.afterBatch(batch.from(), batch.events());
            applied += batch.events().size();
            if (limit == batchSize || batch.events().size() < limit) {
                return new Outcome(applied, null);
            }
        }
    }

    private Batch applyBatch(ProjectionTrack track, ProjectionLease.Lease lease, int limit, long[] loaded) {
        long checkpoint = checkpoints.load(track.name());
        loaded[0] = checkpoint;
        List<StoredEvent> events = eventStore.readAll(checkpoint, limit);
        track.projection.applyAll(events);
        long last = events.isEmpty() ? checkpoint : events.get(events.size() - 1).position();
        if (!events.isEmpty() && !checkpoints.save(track.name(), last, lease.fencingToken())) {
            throw new LeaseLostException(track.name());
        }
        return new Batch(checkpoint, events);
    }

    private record Batch(long from, List<StoredEvent> events) {
    }

    /** A checkpoint save refused: a newer lease holder saved; the batch rolls back. */
    static final class LeaseLostException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        LeaseLostException(String projection) {
            super("Lost the lease of projection " + projection + " to a newer owner");
        }
    }
}
