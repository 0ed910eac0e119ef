package dev.myelin.examples.pizzeria.menu;

import java.time.Instant;

/**
 * A pizza of the menu was changed: its new details replace the old ones.
 *
 * @param pizzaId its id
 * @param details its details now
 * @param at when
 * @since 0.1
 */
public record PizzaChanged(String pizzaId, PizzaAdded.PizzaDetails details, Instant at) implements MenuEvent {
}
