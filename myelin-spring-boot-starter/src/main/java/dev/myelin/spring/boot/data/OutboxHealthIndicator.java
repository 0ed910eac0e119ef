package dev.myelin.spring.boot.data;

import dev.myelin.data.outbox.OutboxBacklog;
import dev.myelin.data.outbox.OutboxDispatcher;
import java.time.Duration;
import java.util.Optional;
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
 * on and retries). Answers from the latest background read ({@link DataHealthSampler}, detail
 * {@code sampleAgeMs}), never from a database connection of its own; DOWN when that read failed or is
 * older than {@code myelin.health.max-sample-age}. Thread-safe.
 *
 * @since 0.1
 */
public final class OutboxHealthIndicator extends AbstractHealthIndicator {

    private final DataHealthSampler sampler;
    private final Duration maxBacklogAge;
    private final Duration maxSampleAge;
    private final Supplier<Optional<Throwable>> dispatcherFailure;

    OutboxHealthIndicator(DataHealthSampler sampler, Duration maxBacklogAge, Duration maxSampleAge,
            Supplier<Optional<Throwable>> dispatcherFailure) {
        super("Cannot read the outbox backlog");
        this.sampler = sampler;
        this.maxBacklogAge = maxBacklogAge;
        this.maxSampleAge = maxSampleAge;
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
        Optional<Throwable> failure = dispatcherFailure.get();
        builder.up();
        OutboxBacklog backlog = sampled(builder, sampler, maxSampleAge).backlog();
        boolean behind = backlog.oldestPendingAge().compareTo(maxBacklogAge) > 0;
        if (behind || failure.isPresent()) {
            builder.down();
        }
        builder.withDetail("pending", backlog.pending())
                .withDetail("oldestPendingAgeMs", backlog.oldestPendingAge().toMillis())
                .withDetail("waitingForAbsentHandlers", backlog.waitingForAbsentHandlers())
                .withDetail("maxBacklogAgeMs", maxBacklogAge.toMillis());
        failure.ifPresent(error -> builder.withDetail("error", describe(error)));
    }

    /**
     * The sampler's latest sample for a health check: a failed read is thrown (DOWN with its cause);
     * otherwise its age is added as {@code sampleAgeMs}, and the builder set DOWN when the sample is older
     * than {@code maxAge}.
     */
    static DataHealthSampler.Sample sampled(Health.Builder builder, DataHealthSampler sampler, Duration maxAge) {
        DataHealthSampler.Sample sample = sampler.latest();
        if (sample.failure() != null) {
            throw sample.failure();
        }
        Duration age = sampler.age(sample);
        builder.withDetail("sampleAgeMs", age.toMillis());
        if (age.compareTo(maxAge) > 0) {
            builder.down().withDetail("stale", "no sample for more than " + maxAge.toMillis() + " ms");
        }
        return sample;
    }

    /** The class and message of a failure, for a health detail. */
    static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getName()
                : failure.getClass().getName() + ": " + failure.getMessage();
    }
}
