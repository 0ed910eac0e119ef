package dev.myelin.behaviors.caching;

import dev.myelin.core.Query;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares which cached queries a command makes stale: once the command succeeds and its
 * transaction commits, the {@link CachingBehavior} removes every entry of the named query types
 * (and their subtypes) and of the query types carrying one of the named tags.
 *
 * <pre>{@code
 * @Evicts(queries = GetMenu.class, tags = "menu")
 * record UpdateMenu(String pizzaId, BigDecimal price) implements Command<OperationResult<Void>> {}
 * }</pre>
 *
 * <p>Nothing is evicted when the command fails, throws or rolls back. Checked when the mediator is
 * built: on a type that is not a command, or naming neither queries nor tags, it fails the build.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Evicts {

    /**
     * Query types whose entries are all removed; an interface names every query implementing it.
     *
     * @return the query types
     */
    Class<? extends Query<?>>[] queries() default {};

    /**
     * Tags (see {@link Cached#tags()}) whose query types' entries are all removed.
     *
     * @return the tags
     */
    String[] tags() default {};
}
