package dev.myelin.spring.boot.data;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the outbox dispatcher, under {@code myelin.outbox}.
 *
 * @since 0.1
 */
@ConfigurationProperties("myelin.outbox")
public class OutboxProperties {

    /**
     * Longest wait between two dispatch rounds. Commits that enqueue deliveries wake the dispatcher at
     * once; the poll only retries backed-off deliveries and picks up other instances' leftovers.
     */
    private Duration pollInterval = Duration.ofSeconds(1);

    /** Attempts before a delivery moves to the dead letters. */
    private int maxAttempts = 5;

    /** Number of dead letters from which the outbox health check reports DOWN; below it, UP with the count. */
    private long deadLetterThreshold = 1;

    /** Age of the oldest pending delivery above which the outbox health check reports DOWN. */
    private Duration maxBacklogAge = Duration.ofMinutes(5);

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
     * Returns the attempts before a delivery is dead-lettered.
     *
     * @return the attempts
     */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    /**
     * Sets the attempts before a delivery is dead-lettered.
     *
     * @param maxAttempts the attempts
     */
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /**
     * Returns the dead-letter count from which health is DOWN.
     *
     * @return the threshold
     */
    public long getDeadLetterThreshold() {
        return deadLetterThreshold;
    }

    /**
     * Sets the dead-letter count from which health is DOWN.
     *
     * @param deadLetterThreshold the threshold
     */
    public void setDeadLetterThreshold(long deadLetterThreshold) {
        this.deadLetterThreshold = deadLetterThreshold;
    }

    /**
     * Returns the backlog age from which health is DOWN.
     *
     * @return the age
     */
    public Duration getMaxBacklogAge() {
        return maxBacklogAge;
    }

    /**
     * Sets the backlog age from which health is DOWN.
     *
     * @param maxBacklogAge the age
     */
    public void setMaxBacklogAge(Duration maxBacklogAge) {
        this.maxBacklogAge = maxBacklogAge;
    }
}
