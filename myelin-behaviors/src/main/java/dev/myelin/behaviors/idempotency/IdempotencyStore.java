package dev.myelin.behaviors.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Records which idempotent commands have run and what they returned: the storage SPI of
 * {@link IdempotencyBehavior}. {@link InMemoryIdempotencyStore} serves one process; a shared
 * database store (the PostgreSQL one of {@code myelin-postgres}) serves a cluster.
 *
 * <p><b>Life of a key: reserve, then complete in the command's transaction.</b>
 * <ol>
 *   <li>{@link #tryBegin} reserves a free key for one caller and returns its owner token; the
 *       reservation is visible to every other caller at once (a database store commits it on a
 *       connection of its own), so that a concurrent duplicate never runs.
 *   <li>{@link #complete} records the result <em>as part of the command's transaction</em>: a
 *       database store writes it on the transaction's connection, so the record commits with the
 *       command's effects or not at all. A crash after that commit and before the response leaves
 *       a completed record, and the retry gets the result instead of running again.
 *   <li>{@link #abandon} frees a reservation whose command failed or rolled back, so that a retry
 *       runs again; a rolled-back command leaves no record.
 * </ol>
 * A completed key whose expiry has passed is free. A store that outlives the process lets a
 * reservation expire after a lease of its own choosing, so that a crash between {@code tryBegin}
 * and the commit blocks the key only that long; nothing of such a command committed.
 *
 * <p><b>Atomicity contract.</b> {@link #tryBegin} is one atomic step across every process that
 * shares the store: of any number of concurrent calls for a free key, exactly one gets
 * {@link Claim.Started}. {@link #complete} succeeds only for the owner of the reservation: once a
 * reservation expired and another caller took the key over, the first owner's {@code complete}
 * returns {@code false} (and its command must roll back).
 *
 * <p>Implementations must be thread-safe. Results are stored as given; a store that serializes
 * them must return an equal result from {@link Claim.Completed#result()}.
 *
 * @since 0.1
 */
public interface IdempotencyStore {

    /** Longest single wait of the default {@link #awaitChange}, which polls. */
    Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(20);

    /**
     * Reserves the key for a new execution unless it is reserved or completed and unexpired.
     *
     * @param key the scoped key
     * @param fingerprint what the request looked like (a hash of its content), kept with the
     *     record so that a repeat with the same key and another request can be refused
     * @param now the current time; a completed record whose expiry is not after it is free
     * @return {@link Claim.Started} with the owner token when the caller now owns the key,
     *     {@link Claim.InFlight} when another caller owns it, or {@link Claim.Completed} with the
     *     stored result
     */
    Claim tryBegin(IdempotencyKey key, String fingerprint, Instant now);

    /**
     * Records the result of the execution that owns the key. Called inside the command's
     * transaction when there is one: the record must take effect with that transaction's commit
     * and vanish with its rollback.
     *
     * @param key the scoped key
     * @param owner the token {@link Claim.Started} returned
     * @param result the result to answer repeats with; may be {@code null}
     * @param expiresAt when the record stops answering repeats
     * @return {@code false} when the caller no longer owns the key (its reservation expired and
     *     another caller took it over); the caller's command must then not commit
     */
    boolean complete(IdempotencyKey key, String owner, Object result, Instant expiresAt);

    /**
     * Frees the reservation of an execution that failed or rolled back, so that a repeat runs
     * again. Does nothing when {@code owner} no longer owns the key, or the key completed and
     * committed.
     *
     * @param key the scoped key
     * @param owner the token {@link Claim.Started} returned
     */
    void abandon(IdempotencyKey key, String owner);

    /**
     * Waits until the in-flight key may have changed, or the wait is over. May return early; the
     * caller calls {@link #tryBegin} again either way. The default sleeps for the shorter of the
     * wait and {@link #DEFAULT_POLL_INTERVAL}; a store that can be notified should override it.
     *
     * @param key the scoped key, last seen in flight
     * @param maxWait the longest time to wait
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    default void awaitChange(IdempotencyKey key, Duration maxWait) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(Math.min(maxWait.toNanos(), DEFAULT_POLL_INTERVAL.toNanos()));
    }

    /**
     * What {@link #tryBegin} found.
     *
     * @since 0.1
     */
    sealed interface Claim {

        /**
         * The caller owns the key and must complete or abandon it.
         *
         * @param owner the token that names this reservation in {@code complete} and {@code abandon}
         * @since 0.1
         */
        record Started(String owner) implements Claim {
        }

        /**
         * Another caller owns the key.
         *
         * @param fingerprint the fingerprint of the request in flight; {@code null} when unknown
         * @since 0.1
         */
        record InFlight(String fingerprint) implements Claim {
        }

        /**
         * The key completed; repeats get this result.
         *
         * @param fingerprint the fingerprint of the request that ran; {@code null} when unknown
         * @param result the first execution's result; may be {@code null}
         * @since 0.1
         */
        record Completed(String fingerprint, Object result) implements Claim {
        }
    }
}
