package dev.myelin.data.events;

/**
 * What an append did.
 *
 * @param streamVersion the stream's version after the append (the last event's version)
 * @param count how many events were appended
 * @since 0.1
 */
public record AppendResult(long streamVersion, int count) {
}
