package dev.myelin.postgres;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The highest version known to be committed of recently used streams, so that an append expecting
 * {@code exactly(v)} with v at or below it can skip the lookup of event v: the insert of v + 1 and the
 * unique key on {@code (stream_id, stream_version)} are then the whole check.
 *
 * <p>Sound because a stream's versions are 1, 2, 3... without gaps and events are never deleted: once
 * event v is committed, events 1 to v exist for good. Only committed facts go in: versions written by
 * an append outside a transaction (after its commit), by one inside a transaction (from its after-commit
 * callback), or read outside a transaction; never what a transaction read or wrote before it committed.
 * A store that shares its table with a program deleting events must not use it (none of Myelin's does).
 *
 * <p>Bounded: a fixed table of slots indexed by the stream id's hash, a stream taking the slot of
 * another that hashes alike (a direct-mapped cache). A version forgotten, or replaced by a lower one in
 * a race between two writers of the same slot, costs only the lookup it would have saved. Lock-free;
 * each slot holds an immutable record.
 */
final class KnownVersions {

    private final AtomicReferenceArray<Known> slots;
    private final int mask;

    /**
     * @param capacity slots, a power of two, or 0 for a table that knows nothing
     */
    KnownVersions(int capacity) {
        if (capacity < 0 || capacity > 0 && Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("The capacity is 0 or a power of two, was " + capacity);
        }
        this.slots = new AtomicReferenceArray<>(capacity);
        this.mask = capacity - 1;
    }

    /** Whether event {@code version} of the stream is known to be committed. */
    boolean committed(String streamId, long version) {
        if (mask < 0) {
            return false;
        }
        Known known = slots.getAcquire(slot(streamId));
        return known != null && known.version >= version && known.streamId.equals(streamId);
    }

    /** Records that event {@code version} of the stream is committed; versions below 1 are ignored. */
    void learn(String streamId, long version) {
        if (version < 1 || mask < 0) {
            return;
        }
        int slot = slot(streamId);
        Known known = slots.getAcquire(slot);
        if (known == null || known.version < version || !known.streamId.equals(streamId)) {
            slots.setRelease(slot, new Known(streamId, version));
        }
    }

    private int slot(String streamId) {
        int hash = streamId.hashCode();
        return (hash ^ (hash >>> 16)) & mask;
    }

    private record Known(String streamId, long version) {
    }
}
