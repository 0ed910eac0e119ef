package dev.myelin.examples.pizzeria.menu;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A pizza was added to the menu.
 *
 * @param pizzaId its id, such as {@code margherita}
 * @param details what the menu says about it
 * @param at when
 * @since 0.1
 */
public record PizzaAdded(String pizzaId, PizzaDetails details, Instant at) implements MenuEvent {

    /**
     * What the menu says about a pizza.
     *
     * @param name its name
     * @param description its description
     * @param category its category, such as {@code classic}
     * @param basePrice the price of a medium pizza
     * @param preparationTimeMinutes minutes to prepare and bake one
     * @param seasonal whether it is a seasonal pizza
     * @param available whether it can be ordered now
     * @since 0.1
     */
    public record PizzaDetails(String name, String description, String category, BigDecimal basePrice,
            int preparationTimeMinutes, boolean seasonal, boolean available) {
    }
}
