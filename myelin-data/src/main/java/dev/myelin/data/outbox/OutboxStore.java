package dev.myelin.data.outbox;

import dev.myelin.core.meta.Experimental;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable side of the outbox: one pending delivery per (event, handler), and the dead letters.
 * {@link OutboxDispatcher} holds the algorithm; a store only keeps rows.
 *
 * <p><b>Order.</b> {@link #claim} returns due deliveries in event position order and never one of
 * a handler that still has an earlier delivery pending but not due (backing off, or claimed by
 * another dispatcher): that keeps each handler's deliveries in position order, among the
 * deliveries committed when it claims (one that commits late with a lower position comes later).
 *
 * <p><b>Transactions.</b> Every method runs in the caller's transaction when one is active
 * (PostgreSQL: the connection of the {@code JdbcTransactionRunner}) and on its own otherwise.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
@Experimental
public interface OutboxStore {

    /**
     * Adds deliveries, due now, with no attempt yet.
     *
     * @param entries the deliveries
     */
    void enqueue(List<OutboxEntry> entries);

    /**
     * Takes due deliveries of the given handlers for one dispatch round and makes them not due until
     * {@code claimUntil}, so another dispatcher does not take them and a crashed dispatcher's claims
     * come back. Deliveries of other handlers are left as they are, due: an instance without a
     * handler (another version of the application) never claims its deliveries.
     *
     * <p>The dispatcher calls it in a transaction of its own that does nothing else. A store may commit
     * that transaction without waiting for it to be durable (PostgreSQL: {@code synchronous_commit} off
     * for it): a claim lost in a crash of the database leaves its deliveries due as before the claim, and
     * no delivery of them can have committed durably after it (see {@code PostgresOutboxStore}).
     *
     * @param handlers the names of the handlers the claiming dispatcher has
     * @param now the current time
     * @param claimUntil when the claim expires
     * @param maxCount the most to return
     * @return the deliveries, in position order
     */
    List<OutboxDelivery> claim(Set<String> handlers, Instant now, Instant claimUntil, int maxCount);

    /**
     * Removes a delivery that succeeded; called in the handler's transaction.
     *
     * @param id the delivery's id
     */
    void delivered(long id);

    /**
     * Removes deliveries that succeeded; called in the transaction of their handlers. This default removes
     * them one by one; stores override it with one statement.
     *
     * @param ids the deliveries' ids
     */
    default void delivered(List<Long> ids) {
        ids.forEach(this::delivered);
    }

    /**
     * Hands back a claimed delivery that was not attempted: due now, attempts unchanged.
     *
     * @param id the delivery's id
     */
    void release(long id);

    /**
     * Records a failed attempt; the delivery is due again at {@code nextAttemptAt}.
     *
     * @param id the delivery's id
     * @param attempts the failed attempts so far
     * @param nextAttemptAt when to try again
     * @param error the failure: class, message, stack trace
     */
    void retryLater(long id, int attempts, Instant nextAttemptAt, String error);

    /**
     * Moves a delivery to the dead letters.
     *
     * @param id the delivery's id
     * @param attempts the failed attempts
     * @param error the last failure
     * @param failedAt when it was given up
     */
    void moveToDeadLetters(long id, int attempts, String error, Instant failedAt);

    /**
     * Counts pending deliveries, due or not.
     *
     * @return the count
     */
    long pendingCount();

    /**
     * Counts pending deliveries and dead letters and finds the age of the oldest pending delivery, in
     * one read: for health checks and gauges, so its cost must be bounded however large the backlog
     * (a store may stop counting at a cap it documents; PostgreSQL counts up to 10 000 of each).
     *
     * @param now the caller's current time, from which the age is measured
     * @param handlers the names of the handlers the caller has; pending deliveries of other names are
     *     counted as {@link OutboxBacklog#waitingForAbsentHandlers()}
     * @return the backlog
     */
    OutboxBacklog backlog(Instant now, Set<String> handlers);

    /**
     * Lists dead letters, oldest first.
     *
     * @param afterId the id of the last dead letter seen, 0 for the start
     * @param maxCount the most to return
     * @return the dead letters
     */
    List<DeadLetter> deadLetters(long afterId, int maxCount);

    /**
     * Finds a dead letter's event and handler.
     *
     * @param id the dead letter's id
     * @return the delivery it stands for (id = the dead letter's id), or empty
     */
    Optional<OutboxDelivery> deadLetter(long id);

    /**
     * Records that replaying a dead letter failed again.
     *
     * @param id the dead letter's id
     * @param attempts the attempts so far, the replay included
     * @param error the failure
     * @param failedAt when
     */
    void deadLetterFailedAgain(long id, int attempts, String error, Instant failedAt);

    /**
     * Removes a dead letter.
     *
     * @param id the dead letter's id
     * @return whether there was one
     */
    boolean dropDeadLetter(long id);
}
