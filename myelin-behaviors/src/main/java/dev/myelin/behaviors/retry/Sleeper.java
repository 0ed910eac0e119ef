package dev.myelin.behaviors.retry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits between attempts of {@link RetryBehavior}. The default, {@link #THREAD_SLEEP}, sleeps
 * the calling thread; tests pass one that records the delays instead.
 *
 * <p>Implementations must be thread-safe: one sleeper serves every request.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps the calling thread for the duration. */
    Sleeper THREAD_SLEEP = delay -> TimeUnit.NANOSECONDS.sleep(delay.toNanos());

    /**
     * Waits for the delay.
     *
     * @param delay how long to wait; zero or more
     * @throws InterruptedException when the thread is interrupted while waiting; the retry then
     *     stops
     */
    void sleep(Duration delay) throws InterruptedException;
}
