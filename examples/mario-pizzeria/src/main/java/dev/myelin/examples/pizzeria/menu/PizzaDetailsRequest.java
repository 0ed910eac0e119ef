package dev.myelin.examples.pizzeria.menu;

import java.math.BigDecimal;

/**
 * The body of {@code PUT /api/menu/pizzas/{pizza_id}}: a pizza's new details.
 *
 * @param name its name
 * @param description its description
 * @param category its category
 * @param basePrice the price of a medium pizza
 * @param preparationTimeMinutes minutes to prepare and bake one
 * @param seasonal whether it is seasonal
 * @param available whether it can be ordered now
 * @since 0.1
 */
public record PizzaDetailsRequest(String name, String description, String category, BigDecimal basePrice,
        int preparationTimeMinutes, boolean seasonal, boolean available) {

    ChangePizza toCommand(String pizzaId) {
        return new ChangePizza(pizzaId, name, description, category, basePrice, preparationTimeMinutes, seasonal, available);
    }
}
