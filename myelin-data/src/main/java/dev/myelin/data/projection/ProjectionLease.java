package dev.myelin.data.projection;

import dev.myelin.core.meta.Experimental;
import java.time.Duration;
import java.util.Optional;

/**
 * Grants each projection to one owner at a time across all instances, for a limited time, with a
 * fencing token that grows with every new grant.
 *
 * <p><b>Guarantees.</b> While a lease is unexpired nobody else acquires it. A lease that is not
 * renewed before it expires may be granted to another owner, with a higher token; the old owner's
 * {@link #renew} then fails and its checkpoint writes are refused (see {@link CheckpointStore}).
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
@Experimental
public interface ProjectionLease {

    /**
     * Acquires a projection's lease if it is free or expired (or already held by this owner).
     *
     * @param projection the projection's name
     * @param owner the owner's id, unique per daemon instance
     * @param ttl how long the lease lasts unless renewed
     * @return the lease, or empty when another owner holds it
     */
    Optional<Lease> tryAcquire(String projection, String owner, Duration ttl);

    /**
     * Extends a lease.
     *
     * @param lease the lease held
     * @param ttl how long from now
     * @return the renewed lease, or empty when it was lost (expired and taken over)
     */
    Optional<Lease> renew(Lease lease, Duration ttl);

    /**
     * Gives a lease up, if still held.
     *
     * @param lease the lease held
     */
    void release(Lease lease);

    /**
     * A granted lease.
     *
     * @param projection the projection's name
     * @param owner the owner's id
     * @param fencingToken grows with every grant to a new owner
     * @param expiresAt when it expires, as the lease's clock reads, in epoch milliseconds
     * @since 0.1
     */
    record Lease(String projection, String owner, long fencingToken, long expiresAt) {
    }
}
