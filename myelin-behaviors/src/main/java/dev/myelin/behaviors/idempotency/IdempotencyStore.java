package dev.myelin.behaviors.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Records which idempotent commands have run and what they returned: the storage SPI of
 * {@link IdempotencyBehavior}. {@link InMemoryIdempotencyStore} serves one process; a shared
 * database store serves a cluster.
 *
 * <p><b>Life of a key.</b> {@link #tryBegin} claims a free key for one caller (the key is then
 * <em>in flight</em>); that caller later calls {@link #complete} (the key is <em>completed</em>
 * until its expiry) or {@link #abandon} (the key is free again). A completed key whose expiry has
 * passed is free.
 *
 * <p><b>Atomicity contract.</b> {@link #tryBegin} is one atomic step across every process that
 * shares the store: of any number of concurrent calls for a free key, exactly one returns
 * {@link Claim#STARTED}; the others see {@link Claim#IN_FLIGHT} or, once completed, the result. A
 * PostgreSQL store implements it with one statement, for example
 * <pre>{@code
 * INSERT INTO idempotency_key (request_type, principal, key, state, expires_at)
 * VALUES (?, ?, ?, 'in_flight', NULL)
 * ON CONFLICT (request_type, principal, key) DO UPDATE
 *     SET state = 'in_flight', result = NULL, expires_at = NULL
 *     WHERE idempotency_key.state = 'completed' AND idempotency_key.expires_at <= ?   -- now
 * RETURNING state
 * }</pre>
 * where a returned row means started and no row means the key is taken, after which one
 * {@code SELECT} tells in flight from completed. {@link #complete} and {@link #abandon} are called
 * only by the caller that got {@code STARTED}; each is a single atomic write. A store that
 * outlives the process should expire in-flight records after a lease of its own choosing, so that
 * a crash between {@code tryBegin} and {@code complete} does not block a key forever.
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
     * Claims the key for a new execution unless it is in flight or completed and unexpired.
     *
     * @param key the scoped key
     * @param now the current time; a completed record whose expiry is not after it is free
     * @return {@link Claim#STARTED} when the caller now owns the key, {@link Claim#IN_FLIGHT} when
     *     another caller owns it, or the stored result when it completed
     */
    Claim tryBegin(IdempotencyKey key, Instant now);

    /**
     * Records the result of the execution that owns the key, ending its flight.
     *
     * @param key the scoped key
     * @param result the result to answer repeats with; may be {@code null}
     * @param expiresAt when the record stops answering repeats
     */
    void complete(IdempotencyKey key, Object result, Instant expiresAt);

    /**
     * Frees the key of an execution that failed, so that a repeat runs again.
     *
     * @param key the scoped key
     */
    void abandon(IdempotencyKey key);

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

        /** The caller owns the key and must complete or abandon it. */
        Claim STARTED = new Started();

        /** Another caller owns the key. */
        Claim IN_FLIGHT = new InFlight();

        /**
         * The caller owns the key.
         *
         * @since 0.1
         */
        record Started() implements Claim {
        }

        /**
         * Another caller owns the key.
         *
         * @since 0.1
         */
        record InFlight() implements Claim {
        }

        /**
         * The key completed; repeats get this result.
         *
         * @param result the first execution's result; may be {@code null}
         * @since 0.1
         */
        record Completed(Object result) implements Claim {
        }
    }
}
