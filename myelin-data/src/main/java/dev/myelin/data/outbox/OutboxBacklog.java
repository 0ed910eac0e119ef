package dev.myelin.data.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How far the outbox is behind, for health checks and metrics: read in one go by
 * {@link OutboxStore#backlog}.
 *
 * @param pending the deliveries still to make, due or not, counted up to the store's cap
 * @param oldestPendingAge how long ago the oldest pending delivery's event was committed; zero when
 *     none is pending (or when the store's clock is behind the caller's)
 * @param deadLetters the deliveries given up, counted up to the store's cap
 * @since 0.1
 */
public record OutboxBacklog(long pending, Duration oldestPendingAge, long deadLetters) {

    /** Validates the components. */
    public OutboxBacklog {
        Objects.requireNonNull(oldestPendingAge, "oldestPendingAge");
        if (pending < 0 || deadLetters < 0 || oldestPendingAge.isNegative()) {
            throw new IllegalArgumentException("A backlog counts from zero: " + pending + ", " + oldestPendingAge + ", "
                    + deadLetters);
        }
    }
}
