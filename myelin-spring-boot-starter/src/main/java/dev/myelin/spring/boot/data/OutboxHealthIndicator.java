package dev.myelin.spring.boot.data;

import dev.myelin.data.outbox.OutboxBacklog;
import dev.myelin.data.outbox.OutboxDispatcher;
import dev.myelin.data.outbox.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the outbox backlog, as {@code myelinOutbox}: UP with the pending deliveries (counted up to
 * the store's cap), the age of the oldest one and how many of them wait for a handler this instance
 * does not have ({@code waitingForAbsentHandlers}: another version's, during a rolling deploy); DOWN
 * when that age exceeds {@code myelin.outbox.max-backlog-age} (the dispatcher is stuck or far behind,
 * or no running instance has a handler that deliveries wait for), or when the dispatcher's background
 * round last ended with an {@link Error} (detail {@code error}: its class and message; the thread goes
 * on and retries). One bounded query per check. Thread-safe.
 *
 * @since 0.1
 */
public final class OutboxHealthIndicator extends AbstractHealthIndicator {

    private final OutboxStore store;
    private final Duration maxBacklogAge;
    private final Clock clock;
    private final Set<String> handlers;
    private final Supplier<Optional<Throwable>> dispatcherFailure;

    OutboxHealthIndicator(OutboxStore store, Duration maxBacklogAge, Clock clock, Set<String> handlers,
            Supplier<Optional<Throwable>> dispatcherFailure) {
        super("Cannot read the outbox backlog");
        this.store = store;
        this.maxBacklogAge = maxBacklogAge;
        this.clock = clock;
        this.handlers = Set.copyOf(handlers);
        this.dispatcherFailure = dispatcherFailure;
    }

    /**
     * Reads the dispatcher's background failure, if any.
     *
     * @param dispatcher the dispatcher, or {@code null} when there is none
     * @return the supplier
     */
    static Supplier<Optional<Throwable>> failureOf(OutboxDispatcher dispatcher) {
        return dispatcher == null ? Optional::empty : dispatcher::backgroundFailure;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OutboxBacklog backlog = store.backlog(clock.instant(), handlers);
        Optional<Throwable> failure = dispatcherFailure.get();
        boolean behind = backlog.oldestPendingAge().compareTo(maxBacklogAge) > 0;
        (behind || failure.isPresent() ? builder.down() : builder.up())
                .withDetail("pending", backlog.pending())
                .withDetail("oldestPendingAgeMs", backlog.oldestPendingAge().toMillis())
                .withDetail("waitingForAbsentHandlers", backlog.waitingForAbsentHandlers())
                .withDetail("maxBacklogAgeMs", maxBacklogAge.toMillis());
        failure.ifPresent(error -> builder.withDetail("error", describe(error)));
    }

    /** The class and message of a failure, for a health detail. */
    static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getName()
                : failure.getClass().getName() + ": " + failure.getMessage();
    }
}
