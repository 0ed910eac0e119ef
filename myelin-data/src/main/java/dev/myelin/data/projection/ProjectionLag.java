package dev.myelin.data.projection;

import dev.myelin.core.meta.Experimental;

/**
 * How far an asynchronous projection is behind the event log.
 *
 * @param projection the projection's name
 * @param checkpoint the position of the last event applied, as the checkpoint store holds it
 * @param head the position of the log's last event: the highest in memory, the last in read order on
 *     PostgreSQL (which is the checkpoint itself when caught up)
 * @param eventsBehind the events not yet applied: {@code head - checkpoint} in memory; counted in read
 *     order on PostgreSQL, exactly up to a cap (10 000) where the count stops
 * @param millisBehind 0 when caught up; otherwise the age of the oldest event not applied yet: the
 *     milliseconds from its recording to now
 * @since 0.1
 */
@Experimental
public record ProjectionLag(String projection, long checkpoint, long head, long eventsBehind, long millisBehind) {
}
