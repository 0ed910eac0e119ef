package dev.myelin.data.projection;

import dev.myelin.data.events.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a {@link ProjectionDaemon} knows of one projection: its lease, its checkpoint as last committed,
 * and its back-off while an event fails. Guarded by the daemon's monitor.
 */
final class ProjectionTrack {

    final Projection projection;
    ProjectionLease.Lease lease;
    long renewedAt;
    long checkpoint;
    /** Failed attempts in a row; the next attempt not before {@link #retryAt} (epoch milliseconds). */
    private int failures;
    private long failedAt;
    private long retryAt;

    ProjectionTrack(Projection projection) {
        this.projection = projection;
    }

    String name() {
        return projection.name();
    }

    void afterBatch(long from, List<StoredEvent> events) {
        checkpoint = events.isEmpty() ? from : events.get(events.size() - 1).position();
    }

    /** Whether it waits for its retry at {@code now} (epoch milliseconds). */
    boolean waiting(long now) {
        return now < retryAt;
    }

    /**
     * Backs off after a failure: {@code first}, doubled with each failure in a row, at most {@code longest}.
     *
     * @return the retry to report
     */
    ProjectionRetry failed(RuntimeException failure, long now, Duration first, Duration longest) {
        // A failure on a later event (the failing one went through, the events after it were applied) starts anew.
        failures = failures > 0 && failedAt == checkpoint ? failures + 1 : 1;
        failedAt = checkpoint;
        long most = longest.toMillis();
        long delay = first.toMillis();
        for (int i = 1; i < failures && delay < most; i++) {
            delay *= 2;
        }
        retryAt = now + Math.min(delay, most);
        String error = failure.getClass().getName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return new ProjectionRetry(name(), checkpoint, failures, Instant.ofEpochMilli(retryAt), error);
    }

    /**
     * Clears the back-off after a batch committed.
     *
     * @return the failures in a row it ends, 0 when there were none
     */
    int succeeded() {
        int ended = failures;
        failures = 0;
        retryAt = 0;
        return ended;
    }
}
