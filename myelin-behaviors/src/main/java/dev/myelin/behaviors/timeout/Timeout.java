package dev.myelin.behaviors.timeout;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a request type a deadline, enforced by {@link TimeoutBehavior}.
 *
 * <pre>{@code
 * @Timeout("PT2S")
 * record GetKitchenQueue() implements Query<OperationResult<List<TicketDto>>> {}
 * }</pre>
 *
 * <p>A deadline configured with {@link TimeoutBehavior.Builder#timeout} for the same type wins
 * over the annotation. A value that does not parse fails the mediator's build, naming the type.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Timeout {

    /**
     * The deadline, as a positive ISO-8601 duration ({@link java.time.Duration#parse}), such as
     * {@code "PT2S"} or {@code "PT0.5S"}.
     *
     * @return the deadline
     */
    String value();
}
