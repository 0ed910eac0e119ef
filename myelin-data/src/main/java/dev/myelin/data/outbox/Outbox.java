package dev.myelin.data.outbox;

import dev.myelin.core.meta.Experimental;
import dev.myelin.data.events.StoredEvent;
import java.util.List;

/**
 * Where repositories hand the events they just appended, so that the events reach their handlers
 * after commit. {@link OutboxDispatcher} implements it.
 *
 * <p><b>Transactions.</b> Call it inside the transaction that appended the events: the outbox rows
 * commit or roll back with the events, so a committed event is never lost and a rolled-back one is
 * never delivered.
 *
 * @since 0.1
 */
@Experimental
@FunctionalInterface
public interface Outbox {

    /**
     * Records that these events must be delivered to every handler whose type matches.
     *
     * @param events the events just appended, in position order
     */
    void enqueue(List<StoredEvent> events);
}
