package dev.myelin.examples.pizzeria.menu;

import dev.myelin.behaviors.caching.Cached;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import jakarta.validation.constraints.Pattern;

/**
 * Reads the menu, cached for 30 minutes and evicted by every menu change.
 *
 * @param category only this category, or {@code null} for all
 * @param includeUnavailable whether to list pizzas that cannot be ordered now
 * @param includeSeasonal whether to list seasonal pizzas
 * @since 0.1
 */
@Cached(ttl = "PT30M", tags = GetMenu.CACHE_TAG)
public record GetMenu(
        @Pattern(regexp = "[a-z_]{1,30}", message = "must be 1-30 lower-case letters or _") String category,
        boolean includeUnavailable,
        boolean includeSeasonal) implements Query<OperationResult<MenuDto>> {

    /** The cache tag that menu commands evict. */
    public static final String CACHE_TAG = "menu";
}
