package dev.myelin.behaviors.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link IdempotencyStore} in a {@link ConcurrentHashMap}: for one process, and for tests.
 * Keys are lost on restart, so a repeat after a restart runs again.
 *
 * <p>{@link #tryBegin} is atomic per key (one {@code compute}). A waiter in
 * {@link #awaitChange} wakes as soon as the key completes or is abandoned. Expired records are
 * removed lazily: a {@code tryBegin} of an expired key replaces it, and at most once per
 * {@link #SWEEP_INTERVAL} (in the times passed to {@code tryBegin}) a {@code tryBegin} sweeps all
 * expired records away.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    /** Shortest time between two sweeps of expired records. */
    public static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final ConcurrentHashMap<IdempotencyKey, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

    /** Creates an empty store. */
    public InMemoryIdempotencyStore() {
    }

    @Override
    public Claim tryBegin(IdempotencyKey key, Instant now) {
        Objects.requireNonNull(key, "key");
        sweepIfDue(now);
        Claim[] claim = new Claim[1];
        entries.compute(key, (k, entry) -> {
            if (entry instanceof InFlight) {
                claim[0] = Claim.IN_FLIGHT;
                return entry;
            }
            if (entry instanceof Done done && done.expiresAt().isAfter(now)) {
                claim[0] = done.claim();
                return entry;
            }
            claim[0] = Claim.STARTED;
            return new InFlight(new CountDownLatch(1));
        });
        return claim[0];
    }

    @Override
    public void complete(IdempotencyKey key, Object result, Instant expiresAt) {
        Entry previous = entries.put(key, new Done(new Claim.Completed(result), expiresAt));
        if (previous instanceof InFlight inFlight) {
            inFlight.done().countDown();
        }
    }

    @Override
    public void abandon(IdempotencyKey key) {
        Entry entry = entries.get(key);
        if (entry instanceof InFlight inFlight && entries.remove(key, entry)) {
            inFlight.done().countDown();
        }
    }

    @Override
    public void awaitChange(IdempotencyKey key, Duration maxWait) throws InterruptedException {
        if (entries.get(key) instanceof InFlight inFlight) {
            inFlight.done().await(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Returns the number of records held, expired ones not yet removed included. */
    int size() {
        return entries.size();
    }

    private void sweepIfDue(Instant now) {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
            return;
        }
        // removeIf on the values view removes an entry only if it is still the one tested.
        entries.values().removeIf(entry -> entry instanceof Done done && !done.expiresAt().isAfter(now));
    }

    /** A record of the map. */
    private sealed interface Entry permits InFlight, Done {
    }

    /** A key in flight; the latch opens when it completes or is abandoned. */
    private record InFlight(CountDownLatch done) implements Entry {
    }

    /** A completed key; the claim is shared by every repeat. */
    private record Done(Claim.Completed claim, Instant expiresAt) implements Entry {
    }
}
