package dev.myelin.data.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that runs one round of work, then waits until woken or until the poll interval
 * passes, until closed. A round that throws anything, an {@link Error} included, is logged and the
 * loop goes on after the interval: the thread never dies silently. A round that ends with an
 * {@code Error} (logged at ERROR) is kept as {@link #failure()} until a later round completes, so a
 * health check can report it; a round that ends with a {@code RuntimeException} is logged at WARN.
 *
 * <p><b>Batch window.</b> With a batch window, a round woken up sooner than the window after the
 * previous round started waits for the rest of the window first: under a stream of wake-ups (one per
 * commit) rounds then run at most once per window and each takes everything that committed meanwhile, in
 * a few transactions, instead of one round per commit. A wake-up after a quiet period runs at once.
 *
 * <p>Thread-safe: {@link #wakeUp()} may be called from any thread, as often as wanted; wake-ups
 * that arrive during a round make the next round start at once (or at the end of the batch window).
 */
public final class BackgroundLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoop.class);

    /** One round of work. */
    @FunctionalInterface
    public interface Round {
        /**
         * Runs one round.
         *
         * @return whether there may be more work at once (run again without waiting)
         */
        boolean run();
    }

    private final Semaphore signal = new Semaphore(0);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private final long windowNanos;

    private BackgroundLoop(String name, Round round, Duration pollInterval, Duration batchWindow) {
        long pollNanos = pollInterval.toNanos();
        if (batchWindow.isNegative()) {
            throw new IllegalArgumentException("The batch window must not be negative, was " + batchWindow);
        }
        this.windowNanos = batchWindow.toNanos();
        this.thread = new Thread(() -> loop(round, pollNanos), name);
        thread.setDaemon(true);
    }

    /**
     * Starts a loop.
     *
     * @param name the thread's name
     * @param round the work of one round
     * @param pollInterval the longest wait between rounds without a wake-up
     * @return the running loop
     */
    public static BackgroundLoop start(String name, Round round, Duration pollInterval) {
        return start(name, round, pollInterval, Duration.ZERO);
    }

    /**
     * Starts a loop whose rounds, when woken up, run at most once per batch window.
     *
     * @param name the thread's name
     * @param round the work of one round
     * @param pollInterval the longest wait between rounds without a wake-up
     * @param batchWindow the shortest time from the start of a round to the start of the next one woken up;
     *     zero for none
     * @return the running loop
     */
    public static BackgroundLoop start(String name, Round round, Duration pollInterval, Duration batchWindow) {
        BackgroundLoop loop = new BackgroundLoop(Objects.requireNonNull(name), Objects.requireNonNull(round), pollInterval,
                Objects.requireNonNull(batchWindow, "batchWindow"));
        loop.thread.start();
        return loop;
    }

    /** Makes the loop run a round now (or right after the running one). */
    public void wakeUp() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    private void loop(Round round, long pollNanos) {
        long started = System.nanoTime() - windowNanos;
        boolean woken = false;
        while (running) {
            if (woken && (!awaitWindow(started) || !running)) {
                return;
            }
            started = System.nanoTime();
            boolean more;
            try {
                more = round.run();
                failure = null;
            } catch (RuntimeException failed) {
                LOG.warn("A background round of {} failed; retrying after the poll interval", thread.getName(), failed);
                failure = null;
                more = false;
            } catch (Throwable fatal) {
                // An Error (out of memory, a missing class, an assertion...) must not end the thread unseen:
                // keep it for health checks, and try again after the interval.
                failure = fatal;
                more = false;
                logFatal(fatal);
            }
            if (!running) {
                return;
            }
            if (more) {
                signal.tryAcquire();
                woken = false;
                continue;
            }
            try {
                woken = signal.tryAcquire(pollNanos, TimeUnit.NANOSECONDS);
                if (woken) {
                    signal.drainPermits();
                }
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    /** Waits for the rest of the batch window that began at {@code started}; false when interrupted. */
    private boolean awaitWindow(long started) {
        long left = windowNanos - (System.nanoTime() - started);
        if (left <= 0 || !running) {
            return true;
        }
        try {
            closing.await(left, TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException interrupted) {
            return false;
        }
    }

    /**
     * Returns what ended the latest round when it was an {@link Error} (or another throwable that is
     * not a {@code RuntimeException}), or why the thread is gone when it ended without {@link #close()};
     * {@code null} while the rounds complete or fail with runtime exceptions only.
     *
     * @return the failure, or {@code null}
     */
    public Throwable failure() {
        Throwable latest = failure;
        if (latest == null && running && !thread.isAlive()) {
            return new IllegalStateException("The background thread " + thread.getName() + " has ended");
        }
        return latest;
    }

    private void logFatal(Throwable fatal) {
        try {
            LOG.error("A background round of {} failed with an error; retrying after the poll interval", thread.getName(),
                    fatal);
        } catch (Throwable unloggable) {
            // Logging itself failed (out of memory): the failure stays visible through failure().
        }
    }

    /** Stops the loop and waits for the round in progress to end. */
    @Override
    public void close() {
        // No interrupt: it could abort a database call halfway; the semaphore wakes a waiting loop.
        running = false;
        closing.countDown();
        signal.release();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
