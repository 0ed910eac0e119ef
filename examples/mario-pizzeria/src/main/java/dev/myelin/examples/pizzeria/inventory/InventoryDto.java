package dev.myelin.examples.pizzeria.inventory;

import java.util.List;

/**
 * The stock of the counted ingredients; an ingredient not listed is not counted and never runs out.
 *
 * @param ingredients the counted ingredients, by key
 * @since 0.1
 */
public record InventoryDto(List<Ingredient> ingredients) {

    /** Copies the list. */
    public InventoryDto {
        ingredients = List.copyOf(ingredients);
    }

    /**
     * One counted ingredient.
     *
     * @param ingredient its key, such as {@code base:margherita} or {@code topping:olives}
     * @param onHand the units in the kitchen
     * @param reserved the units held by orders not yet cooking
     * @param free the units orders can still take; at 0 the pizza or topping shows unavailable on the menu
     * @since 0.1
     */
    public record Ingredient(String ingredient, int onHand, int reserved, int free) {
    }
}
