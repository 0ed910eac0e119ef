package dev.myelin.examples.pizzeria.inventory;

import java.time.Instant;
import java.util.List;

/**
 * A manager added units of an ingredient; its first restock starts counting it.
 *
 * @param level the ingredient ({@code change}: the units added), with its level after
 * @param by who restocked it
 * @param at when
 * @since 0.1
 */
public record IngredientRestocked(StockLevel level, String by, Instant at) implements InventoryEvent {

    @Override
    public List<StockLevel> levels() {
        return List.of(level);
    }

    @Override
    public int freeBefore(StockLevel changed) {
        return changed.free() - changed.change();
    }
}
