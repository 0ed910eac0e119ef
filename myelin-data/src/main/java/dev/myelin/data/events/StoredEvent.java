package dev.myelin.data.events;

import dev.myelin.core.DomainEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * An event as the event store holds it.
 *
 * @param position the global position: unique, increasing in commit-visibility order for readers
 *     of the whole log (see {@link EventStore#readAll})
 * @param streamId the stream, such as {@code "Order-42"}
 * @param streamVersion the event's version within its stream, from 1
 * @param eventId a unique id, the key of idempotent consumers
 * @param type the stored type name
 * @param schemaVersion the payload's schema version, after upcasting
 * @param event the event
 * @param metadata who and what caused it
 * @param recordedAt when it was appended
 * @since 0.1
 */
public record StoredEvent(long position, String streamId, long streamVersion, String eventId, String type,
        int schemaVersion, DomainEvent event, EventMetadata metadata, Instant recordedAt) {

    /** Validates the components. */
    public StoredEvent {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
