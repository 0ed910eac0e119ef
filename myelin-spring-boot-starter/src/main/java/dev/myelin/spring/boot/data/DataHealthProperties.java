package dev.myelin.spring.boot.data;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the data layer's health indicators and gauges, under {@code myelin.health}.
 *
 * @since 0.1
 */
@ConfigurationProperties("myelin.health")
public class DataHealthProperties {

    /**
     * Time between two background reads of the outbox backlog and the projections' lag, which the
     * health indicators and gauges report from memory.
     */
    private Duration sampleInterval = Duration.ofSeconds(1);

    /** Age of the last successful read above which the data layer's health indicators report DOWN. */
    private Duration maxSampleAge = Duration.ofSeconds(30);

    /**
     * Whether the {@code db} health check answers from the background read instead of borrowing a
     * connection from the application's pool on every check (Spring Boot's own check).
     */
    private boolean sampledDb = true;

    /**
     * Returns the sample interval.
     *
     * @return the interval
     */
    public Duration getSampleInterval() {
        return sampleInterval;
    }

    /**
     * Sets the sample interval.
     *
     * @param sampleInterval the interval
     */
    public void setSampleInterval(Duration sampleInterval) {
        this.sampleInterval = sampleInterval;
    }

    /**
     * Returns the sample age from which health is DOWN.
     *
     * @return the age
     */
    public Duration getMaxSampleAge() {
        return maxSampleAge;
    }

    /**
     * Sets the sample age from which health is DOWN.
     *
     * @param maxSampleAge the age
     */
    public void setMaxSampleAge(Duration maxSampleAge) {
        this.maxSampleAge = maxSampleAge;
    }

    /**
     * Returns whether {@code db} answers from the background read.
     *
     * @return {@code true} by default
     */
    public boolean isSampledDb() {
        return sampledDb;
    }

    /**
     * Sets whether {@code db} answers from the background read.
     *
     * @param sampledDb {@code false} keeps Spring Boot's own check
     */
    public void setSampledDb(boolean sampledDb) {
        this.sampledDb = sampledDb;
    }
}
