package dev.myelin.data.outbox;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event instances a dispatcher has stored, by identity (never by {@code equals}), and how: saved by
 * a repository or published by hand. Held weakly, so an event forgotten by the application is forgotten
 * here too. Thread-safe.
 */
final class StoredInstances {

    /** How an instance was stored. */
    enum How { SAVED, PUBLISHED }

    private final ConcurrentHashMap<Key, How> instances = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    /**
     * Records an instance unless it is recorded already.
     *
     * @return how it was recorded before, or {@code null} when it was not
     */
    How mark(Object instance, How how) {
        expunge();
        return instances.putIfAbsent(new Key(instance, collected), how);
    }

    /** Returns how an instance was recorded, or {@code null}. */
    How of(Object instance) {
        return instances.get(new Key(instance, null));
    }

    /** Forgets an instance, for a publication whose storing failed. */
    void forget(Object instance) {
        instances.remove(new Key(instance, null));
    }

    private void expunge() {
        for (Object key = collected.poll(); key != null; key = collected.poll()) {
            instances.remove(key);
        }
    }

    /** A weak reference equal to another only when both refer to the same live instance. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object instance, ReferenceQueue<Object> queue) {
            super(instance, queue);
            this.hash = System.identityHashCode(instance);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Key key)) {
                return false;
            }
            Object referent = get();
            return referent != null && referent == key.get();
        }
    }
}
