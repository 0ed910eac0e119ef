package dev.myelin.data.outbox;

import dev.myelin.core.meta.Experimental;
import dev.myelin.data.events.StoredEvent;
import java.util.Objects;

/**
 * A pending delivery of one event to one handler, or a dead letter's event, as an
 * {@link OutboxStore} returns it.
 *
 * @param id the delivery's id (or the dead letter's id)
 * @param event the event
 * @param handler the handler's stable name
 * @param attempts how many attempts failed so far
 * @since 0.1
 */
@Experimental
public record OutboxDelivery(long id, StoredEvent event, String handler, int attempts) {

    /** Validates the components. */
    public OutboxDelivery {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(handler, "handler");
    }
}
