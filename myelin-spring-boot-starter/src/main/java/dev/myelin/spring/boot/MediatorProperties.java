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
     * Whether startup fails when a request type declared in the application's packages (those of
     * its @SpringBootApplication) has no handler bean.
     */
    private boolean checkDeclaredRequests = true;

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
     * Returns whether startup fails when a declared request type has no handler bean.
     *
     * @return whether declared request types are checked
     */
    public boolean isCheckDeclaredRequests() {
        return checkDeclaredRequests;
    }

    /**
     * Sets whether startup fails when a request type declared in the application's packages has
     * no handler bean.
     *
     * @param checkDeclaredRequests whether declared request types are checked
     */
    public void setCheckDeclaredRequests(boolean checkDeclaredRequests) {
        this.checkDeclaredRequests = checkDeclaredRequests;
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
