package dev.myelin.spring.boot.data;

import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.data.projection.ProjectionLag;
import dev.myelin.data.projection.ProjectionRetry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the asynchronous projections, as {@code myelinProjections}: per projection, the events and
 * milliseconds it is behind the log ({@link ProjectionDaemon#lag}: from the checkpoints the database
 * holds, so right on every instance and after a restart, and never waiting for a batch in progress);
 * DOWN when one is behind by more than {@code myelin.projections.max-lag} (the age of its oldest event
 * not applied yet), or when the daemon's background round last ended with an {@link Error} (detail
 * {@code error}: its class and message; the thread goes on and retries). Detail {@code retrying} lists the
 * projections held back by a failing event ({@link ProjectionDaemon#retries}: checkpoint, failures in a row,
 * next attempt, error); they turn the health DOWN through their lag. Answers from the latest
 * background read ({@link DataHealthSampler}: two bounded statements per projection), like
 * {@link OutboxHealthIndicator}. Thread-safe.
 *
 * @since 0.1
 */
public final class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    private final ProjectionDaemon daemon;
    private final DataHealthSampler sampler;
    private final Duration maxLag;
    private final Duration maxSampleAge;

    ProjectionsHealthIndicator(ProjectionDaemon daemon, DataHealthSampler sampler, Duration maxLag, Duration maxSampleAge) {
        super("Cannot read the projections' lag");
        this.daemon = daemon;
        this.sampler = sampler;
        this.maxLag = maxLag;
        this.maxSampleAge = maxSampleAge;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        boolean behind = false;
        for (ProjectionLag lag : OutboxHealthIndicator.sampled(builder, sampler, maxSampleAge).lags().values()) {
            behind |= lag.millisBehind() > maxLag.toMillis();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("eventsBehind", lag.eventsBehind());
            details.put("millisBehind", lag.millisBehind());
            details.put("checkpoint", lag.checkpoint());
            builder.withDetail(lag.projection(), details);
        }
        builder.withDetail("maxLagMs", maxLag.toMillis());
        Map<String, ProjectionRetry> retries = daemon.retries();
        if (!retries.isEmpty()) {
            Map<String, Object> retrying = new LinkedHashMap<>();
            new TreeMap<>(retries).forEach((name, retry) -> retrying.put(name, Map.of("checkpoint", retry.checkpoint(),
                    "failures", retry.failures(), "retryAt", retry.retryAt().toString(), "error", retry.error())));
            builder.withDetail("retrying", retrying);
        }
        Optional<Throwable> failure = daemon.backgroundFailure();
        failure.ifPresent(error -> builder.withDetail("error", OutboxHealthIndicator.describe(error)));
        if (behind || failure.isPresent()) {
            builder.down();
        }
    }
}
