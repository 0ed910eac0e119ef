package dev.myelin.data.projection;

import dev.myelin.core.meta.Experimental;

/**
 * How far an asynchronous projection is behind the event log.
 *
 * @param projection the projection's name
 * @param checkpoint the position of the last event applied
 * @param head the highest committed position in the log
 * @param eventsBehind {@code head - checkpoint}: the events not yet applied; approximate where
 *     positions have gaps or are read out of position order (PostgreSQL), exact in memory
 * @param millisBehind 0 when caught up; otherwise the age of the oldest event not applied yet: the
 *     milliseconds from its recording to now
 * @since 0.1
 */
@Experimental
public record ProjectionLag(String projection, long checkpoint, long head, long eventsBehind, long millisBehind) {
}
