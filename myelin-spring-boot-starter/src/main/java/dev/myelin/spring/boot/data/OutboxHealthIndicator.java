package dev.myelin.spring.boot.data;

import dev.myelin.data.outbox.OutboxBacklog;
import dev.myelin.data.outbox.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the outbox backlog, as {@code myelinOutbox}: UP with the pending deliveries, the age of
 * the oldest one and how many of them wait for a handler this instance does not have
 * ({@code waitingForAbsentHandlers}: another version's, during a rolling deploy); DOWN when that age
 * exceeds {@code myelin.outbox.max-backlog-age} (the dispatcher is stuck or far behind, or no running
 * instance has a handler that deliveries wait for). One query per check. Thread-safe.
 *
 * @since 0.1
 */
public final class OutboxHealthIndicator extends AbstractHealthIndicator {

    private final OutboxStore store;
    private final Duration maxBacklogAge;
    private final Clock clock;
    private final Set<String> handlers;

    OutboxHealthIndicator(OutboxStore store, Duration maxBacklogAge, Clock clock, Set<String> handlers) {
        super("Cannot read the outbox backlog");
        this.store = store;
        this.maxBacklogAge = maxBacklogAge;
        this.clock = clock;
        this.handlers = Set.copyOf(handlers);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OutboxBacklog backlog = store.backlog(clock.instant(), handlers);
        boolean behind = backlog.oldestPendingAge().compareTo(maxBacklogAge) > 0;
        (behind ? builder.down() : builder.up())
                .withDetail("pending", backlog.pending())
                .withDetail("oldestPendingAgeMs", backlog.oldestPendingAge().toMillis())
                .withDetail("waitingForAbsentHandlers", backlog.waitingForAbsentHandlers())
                .withDetail("maxBacklogAgeMs", maxBacklogAge.toMillis());
    }
}
