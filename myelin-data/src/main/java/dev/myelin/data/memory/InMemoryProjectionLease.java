package dev.myelin.data.memory;

import dev.myelin.data.projection.ProjectionLease;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ProjectionLease} in memory, for daemons of one JVM; time comes from the given clock.
 * Fencing tokens start at 1 and grow by one per grant to a new owner. Thread-safe.
 *
 * @since 0.1
 */
public final class InMemoryProjectionLease implements ProjectionLease {

    private final Clock clock;
    private final Map<String, Lease> leases = new HashMap<>();
    private long lastToken;

    /**
     * Creates a lease table.
     *
     * @param clock the clock that expires leases
     */
    public InMemoryProjectionLease(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Optional<Lease> tryAcquire(String projection, String owner, Duration ttl) {
        long now = clock.millis();
        Lease held = leases.get(projection);
        if (held != null && held.expiresAt() > now && !held.owner().equals(owner)) {
            return Optional.empty();
        }
        long token = held != null && held.owner().equals(owner) && held.expiresAt() > now ? held.fencingToken() : ++lastToken;
        Lease granted = new Lease(projection, owner, token, now + ttl.toMillis());
        leases.put(projection, granted);
        return Optional.of(granted);
    }

    @Override
    public synchronized Optional<Lease> renew(Lease lease, Duration ttl) {
        Lease held = leases.get(lease.projection());
        if (held == null || held.fencingToken() != lease.fencingToken()) {
            return Optional.empty();
        }
        Lease renewed = new Lease(held.projection(), held.owner(), held.fencingToken(), clock.millis() + ttl.toMillis());
        leases.put(held.projection(), renewed);
        return Optional.of(renewed);
    }

    @Override
    public synchronized void release(Lease lease) {
        Lease held = leases.get(lease.projection());
        if (held != null && held.fencingToken() == lease.fencingToken()) {
            leases.remove(lease.projection());
        }
    }
}
