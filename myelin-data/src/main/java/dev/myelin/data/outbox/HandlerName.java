package dev.myelin.data.outbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable name an {@link dev.myelin.core.EventHandler} class is known by in the outbox: its pending
 * deliveries, inbox rows and dead letters are kept under it. Without it the name is the class's fully
 * qualified name, so renaming or moving the class would strand the deliveries kept under the old one.
 *
 * <pre>{@code
 * @HandlerName("kitchen-notifier")
 * final class NotifyKitchen implements EventHandler<OrderPlaced> { ... }
 * }</pre>
 *
 * <p>{@link OutboxDispatcher#nameOf(Class)} reads it. To rename a handler class that has none, annotate
 * the new class with the old class's fully qualified name. Names must be unique among one dispatcher's
 * handlers.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HandlerName {

    /**
     * Returns the name.
     *
     * @return the name, not blank
     */
    String value();
}
