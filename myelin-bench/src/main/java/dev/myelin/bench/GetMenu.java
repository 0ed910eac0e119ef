package dev.myelin.bench;

import dev.myelin.behaviors.caching.Cached;
import dev.myelin.core.Query;

/**
 * A cached query, so that the caching behavior is in its chain. The benchmark sends one value
 * again and again, so every send after the first is a cache hit.
 *
 * @param category the menu's category
 */
@Cached(ttl = "PT30M", tags = "menu")
record GetMenu(String category) implements Query<OrderReceipt> {
}
