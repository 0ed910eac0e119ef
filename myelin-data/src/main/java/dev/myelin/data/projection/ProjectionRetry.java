package dev.myelin.data.projection;

import dev.myelin.core.meta.Experimental;
import java.time.Instant;

/**
 * A projection (or tracked handler) held back by a failing event: {@link ProjectionDaemon} skips it until
 * {@code retryAt}, then tries the event again; the wait doubles with each failure in a row, from the
 * daemon's first retry delay up to its longest ({@link ProjectionDaemon.Builder#retryBackoff}).
 *
 * @param projection the projection's name
 * @param checkpoint the position of the last event it applied: the failing event is the next one
 * @param failures failed attempts in a row
 * @param retryAt when the daemon tries again, at the earliest
 * @param error the latest failure's class and message
 * @since 0.1
 */
@Experimental
public record ProjectionRetry(String projection, long checkpoint, int failures, Instant retryAt, String error) {
}
