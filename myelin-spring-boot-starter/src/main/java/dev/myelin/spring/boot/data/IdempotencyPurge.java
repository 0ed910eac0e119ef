package dev.myelin.spring.boot.data;

import dev.myelin.postgres.idempotency.PostgresIdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes expired idempotency records from PostgreSQL at a fixed interval, on one daemon thread,
 * in batches of {@value #BATCH} rows, while the application runs. An expired record no longer
 * answers repeats whether or not it was deleted; this only keeps the table small. A failed purge is
 * logged and tried again at the next interval. Without a PostgreSQL store (the application defined
 * its own) it does nothing. Thread-safe.
 */
final class IdempotencyPurge implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurge.class);

    /** Rows deleted per statement. */
    static final int BATCH = 1000;

    private final PostgresIdempotencyStore store;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService timer;

    IdempotencyPurge(PostgresIdempotencyStore store, Duration interval, Clock clock) {
        this.store = store;
        this.interval = interval;
        this.clock = clock;
    }

    /** Deletes every record expired now, batch by batch; returns how many. */
    int purge() {
        int total = 0;
        int deleted;
        do {
            deleted = store.purgeExpired(clock.instant(), BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }

    @Override
    public synchronized void start() {
        if (timer == null && store != null) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "myelin-idempotency-purge");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::purgeLogged, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void purgeLogged() {
        try {
            int deleted = purge();
            if (deleted > 0) {
                LOG.debug("Deleted {} expired idempotency records", deleted);
            }
        } catch (RuntimeException failure) {
            LOG.warn("Could not delete expired idempotency records; trying again in {}", interval, failure);
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    /** Whether there is a PostgreSQL store to purge. */
    boolean hasStore() {
        return store != null;
    }
}
