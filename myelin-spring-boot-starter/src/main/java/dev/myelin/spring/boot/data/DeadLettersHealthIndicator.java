package dev.myelin.spring.boot.data;

import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the outbox's dead letters, as {@code myelinDeadLetters}: UP with the count below
 * {@code myelin.outbox.dead-letter-threshold} (1 by default), DOWN from it, since a dead letter is an
 * event some handler never processed and needs an operator (replay or drop it through
 * {@code OutboxDispatcher.deadLetters()}). Set the threshold high to only report the count. Answers
 * from the latest background read, like {@link OutboxHealthIndicator}. Thread-safe.
 *
 * @since 0.1
 */
public final class DeadLettersHealthIndicator extends AbstractHealthIndicator {

    private final DataHealthSampler sampler;
    private final long threshold;
    private final Duration maxSampleAge;

    DeadLettersHealthIndicator(DataHealthSampler sampler, long threshold, Duration maxSampleAge) {
        super("Cannot count the dead letters");
        this.sampler = sampler;
        this.threshold = threshold;
        this.maxSampleAge = maxSampleAge;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        long deadLetters = OutboxHealthIndicator.sampled(builder, sampler, maxSampleAge).backlog().deadLetters();
        if (deadLetters >= threshold) {
            builder.down();
        }
        builder.withDetail("deadLetters", deadLetters)
                .withDetail("threshold", threshold);
    }
}
