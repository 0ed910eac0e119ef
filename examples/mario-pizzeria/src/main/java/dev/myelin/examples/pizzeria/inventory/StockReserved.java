package dev.myelin.examples.pizzeria.inventory;

import java.time.Instant;
import java.util.List;

/**
 * An order placed reserved the counted ingredients of its pizzas.
 *
 * @param orderId the order
 * @param levels the ingredients reserved ({@code change}: units), with their levels after
 * @param at when
 * @since 0.1
 */
public record StockReserved(String orderId, List<StockLevel> levels, Instant at) implements InventoryEvent {

    /** Copies the levels. */
    public StockReserved {
        levels = List.copyOf(levels);
    }

    @Override
    public int freeBefore(StockLevel level) {
        return level.free() + level.change();
    }
}
