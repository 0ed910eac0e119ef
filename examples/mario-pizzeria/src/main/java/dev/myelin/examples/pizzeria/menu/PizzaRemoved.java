package dev.myelin.examples.pizzeria.menu;

import java.time.Instant;

/**
 * A pizza was taken off the menu.
 *
 * @param pizzaId its id
 * @param at when
 * @since 0.1
 */
public record PizzaRemoved(String pizzaId, Instant at) implements MenuEvent {
}
