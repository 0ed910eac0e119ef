package dev.myelin.data.outbox;

import dev.myelin.core.meta.Experimental;

/**
 * Remembers which events each handler has processed, so that a handler whose effects are written
 * in the same transaction as the inbox row applies each event exactly once, even when the outbox
 * delivers it twice (after a crash between commit and acknowledgement).
 *
 * <p><b>Transactions.</b> {@link #markProcessed} writes in the caller's transaction: the
 * {@link OutboxDispatcher} calls it in the transaction in which the handler runs, so the row
 * commits exactly when the handler's own writes commit.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
@Experimental
public interface Inbox {

    /**
     * Records that a handler processed an event, unless already recorded.
     *
     * @param handler the handler's stable name
     * @param eventId the event's id
     * @return {@code true} when recorded now, {@code false} when it was already there (skip the event)
     */
    boolean markProcessed(String handler, String eventId);

    /**
     * Returns whether a handler processed an event.
     *
     * @param handler the handler's stable name
     * @param eventId the event's id
     * @return whether a committed or own-transaction record exists
     */
    boolean isProcessed(String handler, String eventId);
}
