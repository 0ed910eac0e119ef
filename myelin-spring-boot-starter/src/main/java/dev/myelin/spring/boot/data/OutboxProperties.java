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

    /**
     * Deliveries one dispatch round claims and delivers in one transaction (handlers, inbox records and their
     * removal); after a failure the round is delivered one delivery per transaction.
     */
    private int batchSize = 100;

    /**
     * Shortest time between the starts of two dispatch rounds woken up by commits: under load a round takes
     * the deliveries of every commit of the window in one transaction. A commit after a quiet period is
     * dispatched at once. Zero runs a round per commit.
     */
    private Duration batchWindow = Duration.ofMillis(20);

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

    /**
     * Returns the deliveries per round and transaction.
     *
     * @return the batch size
     */
    public int getBatchSize() {
        return batchSize;
    }

    /**
     * Sets the deliveries per round and transaction.
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
