package dev.myelin.spring.boot.data;

import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.data.projection.ProjectionLag;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the asynchronous projections, as {@code myelinProjections}: per projection, the events and
 * milliseconds it is behind the log ({@link ProjectionDaemon#lag}: from the checkpoints the database
 * holds, so right on every instance and after a restart, and never waiting for a batch in progress);
 * DOWN when one is behind by more than {@code myelin.projections.max-lag} (the age of its oldest event
 * not applied yet), or when the daemon's background round last ended with an {@link Error} (detail
 * {@code error}: its class and message; the thread goes on and retries). Two bounded statements per
 * projection (its checkpoint, then its lag). Thread-safe.
 *
 * @since 0.1
 */
public final class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    private final ProjectionDaemon daemon;
    private final List<String> projections;
    private final Duration maxLag;

    ProjectionsHealthIndicator(ProjectionDaemon daemon, List<String> projections, Duration maxLag) {
        super("Cannot read the projections' lag");
        this.daemon = daemon;
        this.projections = List.copyOf(projections);
        this.maxLag = maxLag;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean behind = false;
        for (String projection : projections) {
            ProjectionLag lag = daemon.lag(projection);
            behind |= lag.millisBehind() > maxLag.toMillis();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("eventsBehind", lag.eventsBehind());
            details.put("millisBehind", lag.millisBehind());
            details.put("checkpoint", lag.checkpoint());
            builder.withDetail(projection, details);
        }
        builder.withDetail("maxLagMs", maxLag.toMillis());
        Optional<Throwable> failure = daemon.backgroundFailure();
        failure.ifPresent(error -> builder.withDetail("error", OutboxHealthIndicator.describe(error)));
        if (behind || failure.isPresent()) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
