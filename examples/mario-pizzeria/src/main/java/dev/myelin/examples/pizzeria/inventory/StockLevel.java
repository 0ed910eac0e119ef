package dev.myelin.examples.pizzeria.inventory;

/**
 * One ingredient's stock after a change, as an inventory event records it.
 *
 * @param ingredient the ingredient: {@code base:<pizza_id>} or {@code topping:<topping_id>}
 * @param change the units the event reserved, released, consumed or added (at least 1)
 * @param onHand the units in the kitchen after the change
 * @param reserved the units of them held by orders not yet cooking
 * @since 0.1
 */
public record StockLevel(String ingredient, int change, int onHand, int reserved) {

    /**
     * Returns the units that orders can still take.
     *
     * @return {@code onHand - reserved}
     */
    public int free() {
        return onHand - reserved;
    }
}
