package dev.myelin.behaviors.caching;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Opts a query type into the {@link CachingBehavior}: its successful results are cached, keyed by
 * the query value itself (so the query must be a record, or override {@code equals} and
 * {@code hashCode}).
 *
 * <pre>{@code
 * @Cached(ttl = "PT30M", tags = "menu")
 * record GetMenu(String category) implements Query<OperationResult<MenuDto>> {}
 * }</pre>
 *
 * <p>Checked when the mediator is built: a {@code ttl} that is not a positive ISO-8601 duration, or
 * this annotation on a type that is not a query, fails the build naming the type.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Cached {

    /**
     * Time to live of each entry after it is loaded, as an ISO-8601 duration such as
     * {@code "PT30M"}; empty for the behavior's default ({@link CachingBehavior#DEFAULT_TTL} unless
     * configured). A TTL configured with {@link CachingBehavior.Builder#ttl} for this type wins.
     *
     * @return the time to live, or empty
     */
    String ttl() default "";

    /**
     * Tags that a command's {@link Evicts#tags()} can name to evict this type's entries without
     * naming the type.
     *
     * @return the tags
     */
    String[] tags() default {};
}
