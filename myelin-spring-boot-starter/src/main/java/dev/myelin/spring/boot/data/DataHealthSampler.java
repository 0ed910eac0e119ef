package dev.myelin.spring.boot.data;

import dev.myelin.data.outbox.OutboxBacklog;
import dev.myelin.data.outbox.OutboxStore;
import dev.myelin.data.projection.ProjectionDaemon;
import dev.myelin.data.projection.ProjectionLag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the outbox backlog and the asynchronous projections' lag on a thread of its own, every
 * {@code myelin.health.sample-interval}, so that the health indicators and gauges of the data layer
 * answer from memory: a health check never waits for a database connection, however busy the
 * application's pool is. {@link #start()} (or the first call of {@link #latest()}, whichever comes first)
 * reads once synchronously and starts the thread; {@link #stop()} stops it. A failed read is kept as the
 * latest sample, with its cause. Thread-safe.
 */
final class DataHealthSampler implements SmartLifecycle {

    /**
     * One reading.
     *
     * @param at when it was taken
     * @param backlog the outbox backlog, or {@code null} when the read failed
     * @param lags each projection's lag, in the order of the projections' names
     * @param failure why the read failed, or {@code null}
     */
    record Sample(Instant at, OutboxBacklog backlog, Map<String, ProjectionLag> lags, RuntimeException failure) {

        /**
         * How old this sample is.
         *
         * @param now the current instant
         * @return its age, never negative
         */
        Duration age(Instant now) {
            Duration age = Duration.between(at, now);
            return age.isNegative() ? Duration.ZERO : age;
        }
    }

    private final OutboxStore outbox;
    private final ProjectionDaemon daemon;
    private final List<String> projections;
    private final Set<String> handlers;
    private final Clock clock;
    private final Duration interval;
    private volatile Sample latest;
    private ScheduledExecutorService thread;

    DataHealthSampler(OutboxStore outbox, ProjectionDaemon daemon, List<String> projections, Set<String> handlers,
            Clock clock, Duration interval) {
        this.outbox = outbox;
        this.daemon = daemon;
        this.projections = List.copyOf(projections);
        this.handlers = Set.copyOf(handlers);
        this.clock = clock;
        this.interval = interval;
    }

    /**
     * The latest sample; the first call reads one and starts the background reads.
     *
     * @return the sample, at most about one interval old while the database answers
     */
    Sample latest() {
        Sample sample = latest;
        return sample != null ? sample : first();
    }

    private synchronized Sample first() {
        if (thread == null) {
            latest = read();
            thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread sampler = new Thread(runnable, "myelin-health-sampler");
                sampler.setDaemon(true);
                return sampler;
            });
            long millis = Math.max(1, interval.toMillis());
            thread.scheduleWithFixedDelay(() -> latest = read(), millis, millis, TimeUnit.MILLISECONDS);
        }
        return latest;
    }

    private Sample read() {
        Instant now = clock.instant();
        try {
            OutboxBacklog backlog = outbox.backlog(now, handlers);
            Map<String, ProjectionLag> lags = new LinkedHashMap<>();
            for (String projection : projections) {
                lags.put(projection, daemon.lag(projection));
            }
            return new Sample(now, backlog, Collections.unmodifiableMap(lags), null);
        } catch (RuntimeException failure) {
            return new Sample(now, null, Map.of(), failure);
        }
    }

    /**
     * The age of a sample by this sampler's clock.
     *
     * @param sample a sample of this sampler
     * @return its age, never negative
     */
    Duration age(Sample sample) {
        return sample.age(clock.instant());
    }

    @Override
    public void start() {
        first();
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }
}
