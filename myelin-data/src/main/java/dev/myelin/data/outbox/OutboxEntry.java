package dev.myelin.data.outbox;

import dev.myelin.core.meta.Experimental;
import dev.myelin.data.events.StoredEvent;
import java.util.Objects;

/**
 * A delivery to create: one event for one handler.
 *
 * @param event the event
 * @param handler the handler's stable name
 * @since 0.1
 */
@Experimental
public record OutboxEntry(StoredEvent event, String handler) {

    /** Validates the components. */
    public OutboxEntry {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(handler, "handler");
    }
}
