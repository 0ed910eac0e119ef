package dev.myelin.spring.boot.data;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the asynchronous projections' daemon, under {@code myelin.projections}.
 *
 * @since 0.1
 */
@ConfigurationProperties("myelin.projections")
public class ProjectionsProperties {

    /**
     * Longest wait between two rounds of the projection daemon. New events wake it at once (LISTEN /
     * NOTIFY); the poll takes over leases of crashed instances.
     */
    private Duration pollInterval = Duration.ofSeconds(1);

    /**
     * Events applied per projection and round; a round applies every asynchronous projection's batch and
     * checkpoint in one transaction (one by one, in halving batches, after a failure).
     */
    private int batchSize = 500;

    /**
     * Shortest time between the starts of two rounds woken up by new events: under load one round applies the
     * events of every commit of the window. An event after a quiet period is applied at once. Zero runs a
     * round per wake-up.
     */
    private Duration batchWindow = Duration.ofMillis(20);

    /** Age of the oldest event a projection has not applied yet above which health reports DOWN. */
    private Duration maxLag = Duration.ofSeconds(30);

    /**
     * Longest time startup waits for the asynchronous projections to catch up with the log before the
     * application becomes ready; 0 to not wait.
     */
    private Duration startupWait = Duration.ofSeconds(60);

    /** Back-off of a projection or tracked handler held back by a failing event. */
    private final Retry retry = new Retry();

    /**
     * Returns the retry back-off settings.
     *
     * @return the settings, {@code myelin.projections.retry}
     */
    public Retry getRetry() {
        return retry;
    }

    /**
     * How long a projection held back by a failing event waits before the daemon tries it again, under
     * {@code myelin.projections.retry}: the first delay, doubled after each failure in a row, up to the
     * longest.
     *
     * @since 0.1
     */
    public static class Retry {

        /** Wait after the first failure in a row. */
        private Duration firstDelay = Duration.ofSeconds(1);

        /** Longest wait between two attempts. */
        private Duration maxDelay = Duration.ofSeconds(60);

        /**
         * Returns the wait after the first failure.
         *
         * @return the wait
         */
        public Duration getFirstDelay() {
            return firstDelay;
        }

        /**
         * Sets the wait after the first failure.
         *
         * @param firstDelay zero or more
         */
        public void setFirstDelay(Duration firstDelay) {
            this.firstDelay = firstDelay;
        }

        /**
         * Returns the longest wait.
         *
         * @return the wait
         */
        public Duration getMaxDelay() {
            return maxDelay;
        }

        /**
         * Sets the longest wait.
         *
         * @param maxDelay at least the first delay
         */
        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }
    }

    /**
     * Returns the poll interval.
     *
     * @return the interval
     */
    public Duration getPollInterval() {
        return pollInterval;
    }

    /**
     * Sets the poll interval.
     *
     * @param pollInterval the interval
     */
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /**
     * Returns the lag from which health is DOWN.
     *
     * @return the lag
     */
    public Duration getMaxLag() {
        return maxLag;
    }

    /**
     * Sets the lag from which health is DOWN.
     *
     * @param maxLag the lag
     */
    public void setMaxLag(Duration maxLag) {
        this.maxLag = maxLag;
    }

    /**
     * Returns the longest wait for the projections at startup.
     *
     * @return the wait
     */
    public Duration getStartupWait() {
        return startupWait;
    }

    /**
     * Sets the longest wait for the projections at startup.
     *
     * @param startupWait the wait; zero to not wait
     */
    public void setStartupWait(Duration startupWait) {
        this.startupWait = startupWait;
    }

    /**
     * Returns the events per projection and round.
     *
     * @return the batch size
     */
    public int getBatchSize() {
        return batchSize;
    }

    /**
     * Sets the events per projection and round.
     *
     * @param batchSize at least 1
     */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    /**
     * Returns the batch window.
     *
     * @return the window
     */
    public Duration getBatchWindow() {
        return batchWindow;
    }

    /**
     * Sets the batch window.
     *
     * @param batchWindow the window, zero for none
     */
    public void setBatchWindow(Duration batchWindow) {
        this.batchWindow = batchWindow;
    }
}
