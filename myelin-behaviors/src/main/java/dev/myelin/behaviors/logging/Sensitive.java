package dev.myelin.behaviors.logging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component whose value must never appear in logs: when
 * {@link LoggingConfig#logPayloads() payload logging} is on, {@link LoggingBehavior} writes
 * {@value LoggingBehavior#MASK} in its place, in the request and in any record nested in it.
 *
 * <pre>{@code
 * record ProcessPayment(String orderId, @Sensitive String cardNumber) implements Command<OperationResult<PaymentDto>> {}
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Sensitive {
}
