package dev.myelin.data.outbox;

import dev.myelin.core.meta.Experimental;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Remembers which events each handler has processed, so that a handler whose effects are written
 * in the same transaction as the inbox row applies each event exactly once, even when the outbox
 * delivers it twice (after a crash between commit and acknowledgement).
 *
 * <p><b>Transactions.</b> {@link #markProcessed} and {@link #markAllProcessed} write in the caller's
 * transaction: the {@link OutboxDispatcher} calls them in the transaction in which the handlers run, so
 * the rows commit exactly when the handlers' own writes commit.
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
     * Records that handlers processed events, each as {@link #markProcessed} does. This default calls
     * {@link #markProcessed} for each key, in the given order; stores may record them all in one statement.
     *
     * @param keys the (handler, event id) pairs; a pair given twice is recorded once
     * @return the pairs recorded now; the others were already there (skip them)
     */
    default Set<Key> markAllProcessed(Collection<Key> keys) {
        Set<Key> marked = new LinkedHashSet<>();
        for (Key key : keys) {
            if (markProcessed(key.handler(), key.eventId())) {
                marked.add(key);
            }
        }
        return marked;
    }

    /**
     * Returns whether a handler processed an event.
     *
     * @param handler the handler's stable name
     * @param eventId the event's id
     * @return whether a committed or own-transaction record exists
     */
    boolean isProcessed(String handler, String eventId);

    /**
     * The inbox's key: an event processed by a handler.
     *
     * @param handler the handler's stable name
     * @param eventId the event's id
     */
    record Key(String handler, String eventId) {

        /**
         * Checks the parts.
         *
         * @param handler the handler's stable name
         * @param eventId the event's id
         */
        public Key {
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(eventId, "eventId");
        }
    }
}
