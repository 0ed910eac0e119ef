package dev.myelin.examples.pizzeria.inventory;

import dev.myelin.core.DomainEvent;
import java.time.Instant;
import java.util.List;

/**
 * An event of the inventory: stock reserved, released or consumed by an order, or restocked. Each
 * carries the levels it left, so the read model is an upsert of them.
 *
 * @since 0.1
 */
public sealed interface InventoryEvent extends DomainEvent
        permits StockReserved, StockReleased, StockConsumed, IngredientRestocked {

    /**
     * Returns the ingredients changed, each with its level after the change.
     *
     * @return the levels, in ingredient order
     */
    List<StockLevel> levels();

    /**
     * Returns the units free before this event, for one of its levels.
     *
     * @param level one of {@link #levels()}
     * @return the free units before the change
     */
    int freeBefore(StockLevel level);

    /**
     * Returns when it happened.
     *
     * @return the instant
     */
    Instant at();
}
