package dev.myelin.behaviors.caching;

import java.util.function.Consumer;

/**
 * Carries cache evictions between application instances that each hold their own cache, so that a
 * command committed on one instance also evicts the stale entries of the others. Implemented by a
 * transport (a database notification, a broker topic); none is built in, and the default is
 * local-only.
 *
 * <p><b>Guarantees expected.</b> {@link #publish} is called once per local eviction, after the
 * evicting command's transaction committed, on the committing thread: it should hand off quickly
 * and not throw (a failure is logged and ignored). Evictions received from other instances are
 * delivered to the consumer given to {@link #subscribe}; they are applied locally and not
 * published again. Delivery is best effort: the time to live bounds how long a lost message
 * leaves an entry stale. Implementations must be thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface CacheInvalidationChannel {

    /**
     * Sends a local eviction to the other instances.
     *
     * @param invalidation what was evicted here
     */
    void publish(CacheInvalidation invalidation);

    /**
     * Called once, when the caching behavior is created, with the entry point for evictions made
     * by other instances. Thread-safe; may be called from any thread.
     *
     * @param remote applies an eviction received from another instance to the local cache
     */
    default void subscribe(Consumer<CacheInvalidation> remote) {
    }
}
