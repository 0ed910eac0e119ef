package dev.myelin.examples.pizzeria.inventory;

import java.time.Instant;
import java.util.List;

/**
 * A cancelled order gave back what it had reserved.
 *
 * @param orderId the order
 * @param levels the ingredients released ({@code change}: units), with their levels after
 * @param at when
 * @since 0.1
 */
public record StockReleased(String orderId, List<StockLevel> levels, Instant at) implements InventoryEvent {

    /** Copies the levels. */
    public StockReleased {
        levels = List.copyOf(levels);
    }

    @Override
    public int freeBefore(StockLevel level) {
        return level.free() - level.change();
    }
}
