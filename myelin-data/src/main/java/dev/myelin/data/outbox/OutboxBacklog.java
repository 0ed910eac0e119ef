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
 * @param waitingForAbsentHandlers the pending deliveries, counted in {@code pending}, for a handler name
 *     that the asking instance does not have: they wait for an instance that has it (during a rolling
 *     deploy, the other version) and are never dead-lettered for it
 * @since 0.1
 */
public record OutboxBacklog(long pending, Duration oldestPendingAge, long deadLetters, long waitingForAbsentHandlers) {

    /** Validates the components. */
    public OutboxBacklog {
        Objects.requireNonNull(oldestPendingAge, "oldestPendingAge");
        if (pending < 0 || deadLetters < 0 || oldestPendingAge.isNegative() || waitingForAbsentHandlers < 0
                || waitingForAbsentHandlers > pending) {
            throw new IllegalArgumentException("A backlog counts from zero, its waiting deliveries among its pending ones: "
                    + pending + ", " + oldestPendingAge + ", " + deadLetters + ", " + waitingForAbsentHandlers);
        }
    }
}
