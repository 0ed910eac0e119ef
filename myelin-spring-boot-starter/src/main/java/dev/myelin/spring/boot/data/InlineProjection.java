package dev.myelin.spring.boot.data;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link dev.myelin.data.projection.Projection} bean as inline: the auto-configured
 * {@link dev.myelin.data.events.EventStore} applies it to appended events inside the appending
 * command's transaction, so its read model is up to date when the command returns. Projection beans
 * without it are asynchronous: the {@link dev.myelin.data.projection.ProjectionDaemon} applies them
 * after commit.
 *
 * <pre>{@code
 * @Component
 * @InlineProjection
 * class OrderSummaryProjection implements Projection { ... }
 * }</pre>
 *
 * <p>Put it on the projection's class or on its {@code @Bean} method.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface InlineProjection {
}
