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

    /** Age of the oldest event a projection has not applied yet above which health reports DOWN. */
    private Duration maxLag = Duration.ofSeconds(30);

    /**
     * Longest time startup waits for the asynchronous projections to catch up with the log before the
     * application becomes ready; 0 to not wait.
     */
    private Duration startupWait = Duration.ofSeconds(60);

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
}
