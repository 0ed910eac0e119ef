package dev.myelin.postgres;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an event type in the event log and gives its current schema version, for
 * {@link EventTypeRegistry.Builder#register(Class)}. Optional: without it the name is the class's
 * simple name and the version 1.
 *
 * <pre>{@code
 * @EventSchema(name = "OrderPlaced", version = 2)
 * public record OrderPlaced(String orderId, BigDecimal total, String currency) implements DomainEvent {}
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventSchema {

    /**
     * Returns the stored type name; empty for the class's simple name.
     *
     * @return the name
     */
    String name() default "";

    /**
     * Returns the current schema version of the payload, 1 or more.
     *
     * @return the version
     */
    int version() default 1;
}
