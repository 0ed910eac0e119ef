package dev.myelin.spring.boot.startup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the application's startup, under {@code myelin.startup}.
 *
 * @since 0.1
 */
@ConfigurationProperties("myelin.startup")
public class StartupProperties {

    /**
     * Whether requests get 503 problem responses with Retry-After until the application is ready
     * (Actuator's requests excepted).
     */
    private boolean refuseRequestsUntilReady = true;

    /** Delay clients are told to wait before retrying a request refused until ready, in whole seconds. */
    private Duration retryAfter = Duration.ofSeconds(1);

    /**
     * Returns whether requests are refused until ready.
     *
     * @return whether they are
     */
    public boolean isRefuseRequestsUntilReady() {
        return refuseRequestsUntilReady;
    }

    /**
     * Sets whether requests are refused until ready.
     *
     * @param refuseRequestsUntilReady whether they are
     */
    public void setRefuseRequestsUntilReady(boolean refuseRequestsUntilReady) {
        this.refuseRequestsUntilReady = refuseRequestsUntilReady;
    }

    /**
     * Returns the delay of {@code Retry-After}.
     *
     * @return the delay
     */
    public Duration getRetryAfter() {
        return retryAfter;
    }

    /**
     * Sets the delay of {@code Retry-After}.
     *
     * @param retryAfter the delay, rounded up to whole seconds, at least one
     */
    public void setRetryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }
}
