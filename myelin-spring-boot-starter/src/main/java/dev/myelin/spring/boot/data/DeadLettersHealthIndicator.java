package dev.myelin.spring.boot.data;

import dev.myelin.data.outbox.OutboxStore;
import java.time.Clock;
import java.util.Set;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the outbox's dead letters, as {@code myelinDeadLetters}: UP with the count below
 * {@code myelin.outbox.dead-letter-threshold} (1 by default), DOWN from it, since a dead letter is an
 * event some handler never processed and needs an operator (replay or drop it through
 * {@code OutboxDispatcher.deadLetters()}). Set the threshold high to only report the count. Thread-safe.
 *
 * @since 0.1
 */
public final class DeadLettersHealthIndicator extends AbstractHealthIndicator {

    private final OutboxStore store;
    private final long threshold;
    private final Clock clock;

    DeadLettersHealthIndicator(OutboxStore store, long threshold, Clock clock) {
        super("Cannot count the dead letters");
        this.store = store;
        this.threshold = threshold;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long deadLetters = store.backlog(clock.instant(), Set.of()).deadLetters();
        (deadLetters >= threshold ? builder.down() : builder.up())
                .withDetail("deadLetters", deadLetters)
                .withDetail("threshold", threshold);
    }
}
