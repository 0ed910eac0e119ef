package dev.myelin.examples.pizzeria.inventory;

/**
 * What a restock left.
 *
 * @param ingredient the ingredient, such as {@code base:margherita} or {@code topping:olives}
 * @param onHand the units in the kitchen
 * @param reserved the units held by orders not yet cooking
 * @param free the units orders can still take
 * @since 0.1
 */
public record RestockDto(String ingredient, int onHand, int reserved, int free) {
}
