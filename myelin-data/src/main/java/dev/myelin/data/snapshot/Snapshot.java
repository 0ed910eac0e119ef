package dev.myelin.data.snapshot;

import dev.myelin.core.meta.Experimental;
import java.util.Objects;

/**
 * The state of an event-sourced aggregate after a given version of its stream.
 *
 * @param streamId the stream, such as {@code "Order-42"}
 * @param version the stream version the state reflects
 * @param state the state, as the aggregate gave it; a record or another value that a JSON mapper can
 *     write and read back by its class
 * @since 0.1
 */
@Experimental
public record Snapshot(String streamId, long version, Object state) {

    /** Validates the components. */
    public Snapshot {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(state, "state");
        if (version < 1) {
            throw new IllegalArgumentException("A snapshot follows at least one event, version was " + version);
        }
    }
}
