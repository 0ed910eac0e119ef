package dev.myelin.spring.boot.behaviors;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the built-in behaviors, under {@code myelin.behaviors}. Every behavior is enabled by
 * default; each applies only to the request types its own rules select (a command, a
 * {@code @Cached} query...), so an enabled behavior costs nothing where it does not apply.
 *
 * @since 0.1
 */
@ConfigurationProperties("myelin.behaviors")
public class BehaviorsProperties {

    /** Authorization behavior: {@code @RequiresRole} and {@code @RequiresAuthentication}. */
    private final Toggle authorization = new Toggle();

    /** Validation behavior: Jakarta constraints and {@code RequestValidator} beans. */
    private final Toggle validation = new Toggle();

    /** Logging behavior: one line per request. */
    private final Toggle logging = new Toggle();

    /** Metrics and tracing behavior, over the application's {@code ObservationRegistry} or {@code MeterRegistry}. */
    private final Metrics metrics = new Metrics();

    /** Idempotency behavior for commands. */
    private final Idempotency idempotency = new Idempotency();

    /** Retry behavior on concurrency conflicts. */
    private final Toggle retry = new Toggle();

    /** Timeout behavior: {@code @Timeout} deadlines. */
    private final Toggle timeout = new Toggle();

    /** Transaction behavior around commands, over the application's transaction manager. */
    private final Toggle transaction = new Toggle();

    /** Caching behavior for {@code @Cached} queries. */
    private final Caching caching = new Caching();

    /**
     * Returns the authorization settings.
     *
     * @return the settings
     */
    public Toggle getAuthorization() {
        return authorization;
    }

    /**
     * Returns the validation settings.
     *
     * @return the settings
     */
    public Toggle getValidation() {
        return validation;
    }

    /**
     * Returns the logging settings.
     *
     * @return the settings
     */
    public Toggle getLogging() {
        return logging;
    }

    /**
     * Returns the metrics settings.
     *
     * @return the settings
     */
    public Metrics getMetrics() {
        return metrics;
    }

    /**
     * Returns the idempotency settings.
     *
     * @return the settings
     */
    public Idempotency getIdempotency() {
        return idempotency;
    }

    /**
     * Returns the retry settings.
     *
     * @return the settings
     */
    public Toggle getRetry() {
        return retry;
    }

    /**
     * Returns the timeout settings.
     *
     * @return the settings
     */
    public Toggle getTimeout() {
        return timeout;
    }

    /**
     * Returns the transaction settings.
     *
     * @return the settings
     */
    public Toggle getTransaction() {
        return transaction;
    }

    /**
     * Returns the caching settings.
     *
     * @return the settings
     */
    public Caching getCaching() {
        return caching;
    }

    /**
     * Whether one behavior is on.
     *
     * @since 0.1
     */
    public static class Toggle {

        /** Whether to add the behavior to the mediator. */
        private boolean enabled = true;

        /**
         * Returns whether to add the behavior to the mediator.
         *
         * @return whether it is enabled
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether to add the behavior to the mediator.
         *
         * @param enabled whether it is enabled
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /**
     * Idempotency settings.
     *
     * @since 0.1
     */
    public static class Idempotency extends Toggle {

        /** How long a completed command's result is replayed for its key, a {@code Duration} in hours or any unit. */
        private Duration retention = Duration.ofHours(24);

        /**
         * How long a repeat waits for the first request with its key to finish before it gets 409,
         * a {@code Duration} in seconds or any unit.
         */
        private Duration inFlightWait = Duration.ofSeconds(5);

        /** How often expired idempotency records are deleted from the database, a {@code Duration}. */
        private Duration purgeInterval = Duration.ofHours(1);

        /**
         * Returns how long a repeat waits for the first request with its key.
         *
         * @return the wait
         */
        public Duration getInFlightWait() {
            return inFlightWait;
        }

        /**
         * Sets how long a repeat waits for the first request with its key.
         *
         * @param inFlightWait the wait, zero or more
         */
        public void setInFlightWait(Duration inFlightWait) {
            this.inFlightWait = inFlightWait;
        }

        /**
         * Returns how often expired records are deleted.
         *
         * @return the interval
         */
        public Duration getPurgeInterval() {
            return purgeInterval;
        }

        /**
         * Sets how often expired records are deleted.
         *
         * @param purgeInterval the interval, positive
         */
        public void setPurgeInterval(Duration purgeInterval) {
            this.purgeInterval = purgeInterval;
        }

        /**
         * Returns how long a completed command's result is replayed.
         *
         * @return the retention
         */
        public Duration getRetention() {
            return retention;
        }

        /**
         * Sets how long a completed command's result is replayed.
         *
         * @param retention the retention
         */
        public void setRetention(Duration retention) {
            this.retention = retention;
        }
    }

    /**
     * Settings of the metrics behavior.
     *
     * @since 0.1
     */
    public static class Metrics extends Toggle {

        /**
         * How requests are measured: {@code observation} (an observation per request, so meters and spans) or
         * {@code timer} (only the {@code myelin.request} timer, with no observation: no span, no long task timer,
         * nothing allocated per request).
         */
        private MetricsMode mode = MetricsMode.OBSERVATION;

        /**
         * Returns how requests are measured.
         *
         * @return the mode
         */
        public MetricsMode getMode() {
            return mode;
        }

        /**
         * Sets how requests are measured.
         *
         * @param mode the mode
         */
        public void setMode(MetricsMode mode) {
            this.mode = mode;
        }
    }

    /**
     * How the metrics behavior measures requests.
     *
     * @since 0.1
     */
    public enum MetricsMode {
        /** {@code ObservationBehavior}: one Micrometer observation per request, for meters and tracing alike. */
        OBSERVATION,
        /** {@code TimerBehavior}: the same timer, from the {@code MeterRegistry}, without an observation. */
        TIMER
    }

    /**
     * Caching settings.
     *
     * @since 0.1
     */
    public static class Caching extends Toggle {

        /** Most entries kept across all query types before the least valuable are dropped. */
        private long maximumSize = 10_000;

        /** Time to live of query types whose {@code @Cached} states none, a {@code Duration} in minutes or any unit. */
        private Duration defaultTtl = Duration.ofMinutes(5);

        /**
         * Returns the most entries kept.
         *
         * @return the bound
         */
        public long getMaximumSize() {
            return maximumSize;
        }

        /**
         * Sets the most entries kept.
         *
         * @param maximumSize the bound, positive
         */
        public void setMaximumSize(long maximumSize) {
            this.maximumSize = maximumSize;
        }

        /**
         * Returns the time to live of query types that state none.
         *
         * @return the time to live
         */
        public Duration getDefaultTtl() {
            return defaultTtl;
        }

        /**
         * Sets the time to live of query types that state none.
         *
         * @param defaultTtl the time to live
         */
        public void setDefaultTtl(Duration defaultTtl) {
            this.defaultTtl = defaultTtl;
        }
    }
}
