package dev.myelin.examples.pizzeria.inventory;

import dev.myelin.behaviors.caching.CacheInvalidation;
import dev.myelin.behaviors.caching.CachingBehavior;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.examples.pizzeria.menu.GetMenu;
import dev.myelin.spring.boot.data.InlineProjection;
import java.sql.Timestamp;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code ingredient_levels} in step with the inventory events: each event's levels are upserted.
 * Inline, in the command's transaction (which holds those ingredients' stock rows locked, so levels
 * land in the order they were reached). Idempotent: an event applied again writes the same values.
 *
 * <p>When an event makes an ingredient run out or come back (its free units cross zero), the cached
 * menu is evicted after the commit: the pizza or topping now shows (un)available. Other events leave
 * the menu cached, so orders for plentiful ingredients never evict it.
 */
@Component
@InlineProjection
class InventoryProjection implements Projection {

    private static final CacheInvalidation MENU_IS_STALE = new CacheInvalidation(Set.of(), Set.of(GetMenu.CACHE_TAG));

    /** Parameters: the level's columns. */
    private static final String SQL_UPSERT = """
            insert into ingredient_levels (ingredient, on_hand, reserved, updated_at)
            values (:ingredient, :onHand, :reserved, :at)
            on conflict (ingredient) do update set on_hand = excluded.on_hand, reserved = excluded.reserved,
                updated_at = excluded.updated_at
            """;

    private final JdbcClient jdbc;
    private final ObjectProvider<CachingBehavior> caching;

    InventoryProjection(JdbcClient jdbc, ObjectProvider<CachingBehavior> caching) {
        this.jdbc = jdbc;
        this.caching = caching;
    }

    @Override
    public void apply(StoredEvent stored) {
        if (!(stored.event() instanceof InventoryEvent event)) {
            return;
        }
        Timestamp at = Timestamp.from(event.at());
        boolean availabilityChanged = false;
        for (StockLevel level : event.levels()) {
            jdbc.sql(SQL_UPSERT)
                    .param("ingredient", level.ingredient())
                    .param("onHand", level.onHand())
                    .param("reserved", level.reserved())
                    .param("at", at)
                    .update();
            availabilityChanged |= (event.freeBefore(level) > 0) != (level.free() > 0);
        }
        if (availabilityChanged) {
            caching.ifAvailable(cache -> cache.evictAfterCommit(MENU_IS_STALE));
        }
    }
}
