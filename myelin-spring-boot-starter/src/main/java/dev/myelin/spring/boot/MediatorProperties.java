package dev.myelin.spring.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the auto-configured mediator, under {@code myelin.mediator}.
 *
 * @since 0.1
 */
@ConfigurationProperties("myelin.mediator")
public class MediatorProperties {

    /** How events fan out to their handlers. */
    private Publish publishStrategy = Publish.STOP_ON_FIRST_ERROR;

    /**
     * Returns how events fan out to their handlers.
     *
     * @return the publish strategy
     */
    public Publish getPublishStrategy() {
        return publishStrategy;
    }

    /**
     * Sets how events fan out to their handlers.
     *
     * @param publishStrategy the publish strategy
     */
    public void setPublishStrategy(Publish publishStrategy) {
        this.publishStrategy = publishStrategy;
    }

    /**
     * The built-in publish strategies of {@link dev.myelin.core.publish.PublishStrategy}.
     *
     * @since 0.1
     */
    public enum Publish {
        /** Handlers run in sequence; the first failure stops the fan-out. */
        STOP_ON_FIRST_ERROR,
        /** Handlers run in sequence, all of them; failures are thrown together at the end. */
        COLLECT_ALL_ERRORS,
        /** Handlers run at once on the mediator's executor; failures are thrown together. */
        PARALLEL
    }
}
