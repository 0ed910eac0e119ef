package dev.myelin.examples.pizzeria.inventory;

import java.time.Instant;
import java.util.List;

/**
 * Cooking started: the order's reserved ingredients left the stock (on hand and reserved both fall).
 *
 * @param orderId the order
 * @param levels the ingredients consumed ({@code change}: units), with their levels after
 * @param at when
 * @since 0.1
 */
public record StockConsumed(String orderId, List<StockLevel> levels, Instant at) implements InventoryEvent {

    /** Copies the levels. */
    public StockConsumed {
        levels = List.copyOf(levels);
    }

    @Override
    public int freeBefore(StockLevel level) {
        return level.free();
    }
}
