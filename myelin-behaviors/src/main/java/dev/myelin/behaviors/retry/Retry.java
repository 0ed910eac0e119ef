package dev.myelin.behaviors.retry;

import dev.myelin.core.ConcurrencyConflictException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Opts a request type into {@link RetryBehavior}: when handling it throws one of the listed
 * exceptions, the behavior runs the rest of the chain again (with a fresh transaction), waiting
 * an exponentially growing, jittered delay between attempts.
 *
 * <pre>{@code
 * @Retry(maxAttempts = 5, backoff = "PT0.02S")
 * record ReserveStock(String sku, int quantity) implements Command<OperationResult<Void>> {}
 * }</pre>
 *
 * <p>The durations are ISO-8601 ({@link java.time.Duration#parse}); a value that does not parse
 * fails the mediator's build, naming the request type.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Retry {

    /** Attempts when none are stated, the first one included. */
    int DEFAULT_MAX_ATTEMPTS = 3;

    /** Backoff before the second attempt when none is stated: 50 ms. */
    String DEFAULT_BACKOFF = "PT0.05S";

    /** Longest backoff when none is stated: 1 s. */
    String DEFAULT_MAX_BACKOFF = "PT1S";

    /**
     * Attempts in all, the first one included; at least 1.
     *
     * @return the attempts
     */
    int maxAttempts() default DEFAULT_MAX_ATTEMPTS;

    /**
     * Exceptions that are retried, subtypes included; others propagate at once.
     *
     * @return the retried exception types
     */
    Class<? extends RuntimeException>[] on() default ConcurrencyConflictException.class;

    /**
     * Ceiling of the delay before the second attempt, as an ISO-8601 duration; the ceiling doubles
     * with each further attempt. The actual delay is uniformly random between zero and the ceiling
     * ("full jitter"), so that competing writers spread out.
     *
     * @return the first backoff ceiling
     */
    String backoff() default DEFAULT_BACKOFF;

    /**
     * Cap on the backoff ceiling, as an ISO-8601 duration.
     *
     * @return the largest backoff ceiling
     */
    String maxBackoff() default DEFAULT_MAX_BACKOFF;
}
