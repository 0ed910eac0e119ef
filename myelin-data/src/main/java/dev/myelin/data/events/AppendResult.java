package dev.myelin.data.events;

import java.util.List;
import java.util.Objects;

/**
 * What an append stored, as the store returned it from its own write (PostgreSQL: {@code RETURNING}):
 * each event with its global position, stream version, event id, type, schema version, metadata and
 * time. Whatever needs the appended events (inline projections, the outbox) takes them from here;
 * nothing reads back what it just wrote.
 *
 * @param events the events appended, in stream-version order; at least one
 * @since 0.1
 */
public record AppendResult(List<StoredEvent> events) {

    /** Validates the components and copies the list. */
    public AppendResult {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
        if (events.isEmpty()) {
            throw new IllegalArgumentException("An append stores at least one event");
        }
    }

    /**
     * Returns the stream's version after the append: the last event's version.
     *
     * @return the version
     */
    public long streamVersion() {
        return events.get(events.size() - 1).streamVersion();
    }

    /**
     * Returns how many events were appended.
     *
     * @return the count, 1 or more
     */
    public int count() {
        return events.size();
    }
}
