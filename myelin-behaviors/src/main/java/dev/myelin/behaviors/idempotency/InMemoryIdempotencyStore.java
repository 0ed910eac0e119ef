package dev.myelin.behaviors.idempotency;

import dev.myelin.data.transaction.TransactionRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link IdempotencyStore} in a {@link ConcurrentHashMap}: for one process, and for tests.
 * Keys are lost on restart, so a repeat after a restart runs again.
 *
 * <p><b>Transactions.</b> Built with the application's {@link TransactionRunner}, a
 * {@link #complete} inside a transaction takes effect only once that transaction commits (an
 * after-commit callback), and never if it rolls back, as a database store's write on the
 * transaction's connection would; until then the key stays in flight. Without a runner, or outside
 * a transaction, it takes effect at once.
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
    private final TransactionRunner transactions;

    /** Creates an empty store whose completions take effect at once. */
    public InMemoryIdempotencyStore() {
        this.transactions = null;
    }

    /**
     * Creates an empty store whose completions inside a transaction of {@code transactions} take
     * effect when it commits.
     *
     * @param transactions the runner of the commands' transactions
     */
    public InMemoryIdempotencyStore(TransactionRunner transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public Claim tryBegin(IdempotencyKey key, String fingerprint, Instant now) {
        Objects.requireNonNull(key, "key");
        sweepIfDue(now);
        Claim[] claim = new Claim[1];
        entries.compute(key, (k, entry) -> {
            if (entry instanceof InFlight inFlight) {
                claim[0] = new Claim.InFlight(inFlight.fingerprint());
                return entry;
            }
            if (entry instanceof Done done && done.expiresAt().isAfter(now)) {
                claim[0] = done.claim();
                return entry;
            }
            String owner = UUID.randomUUID().toString();
            claim[0] = new Claim.Started(owner);
            return new InFlight(owner, fingerprint, new CountDownLatch(1));
        });
        return claim[0];
    }

    @Override
    public boolean complete(IdempotencyKey key, String owner, Object result, Instant expiresAt) {
        if (!(entries.get(key) instanceof InFlight inFlight) || !inFlight.owner().equals(owner)) {
            return false;
        }
        Done done = new Done(owner, new Claim.Completed(inFlight.fingerprint(), result), expiresAt);
        if (transactions != null && transactions.isActive()) {
            transactions.afterCommit(() -> publish(key, inFlight, done));
        } else {
            publish(key, inFlight, done);
        }
        return true;
    }

    private void publish(IdempotencyKey key, InFlight inFlight, Done done) {
        if (entries.replace(key, inFlight, done)) {
            inFlight.done().countDown();
        }
    }

    @Override
    public void abandon(IdempotencyKey key, String owner) {
        Entry entry = entries.get(key);
        if (entry instanceof InFlight inFlight && inFlight.owner().equals(owner) && entries.remove(key, entry)) {
            inFlight.done().countDown();
        } else if (entry instanceof Done done && done.owner().equals(owner) && transactions == null) {
            // Without a runner the completion took effect before the rollback that follows it.
            entries.remove(key, entry);
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
    private record InFlight(String owner, String fingerprint, CountDownLatch done) implements Entry {
    }

    /** A completed key; the claim is shared by every repeat. */
    private record Done(String owner, Claim.Completed claim, Instant expiresAt) implements Entry {
    }
}
