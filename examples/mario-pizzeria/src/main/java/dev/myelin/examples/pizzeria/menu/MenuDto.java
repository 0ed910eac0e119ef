package dev.myelin.examples.pizzeria.menu;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The menu as customers see it.
 *
 * @param pizzas the pizzas, by category then name
 * @param toppings the toppings any pizza can have, each at its price (out of stock ones only with
 *     {@code include_unavailable})
 * @param sizes the sizes and their multipliers of the base price
 * @since 0.1
 */
public record MenuDto(List<Item> pizzas, List<Topping> toppings, List<Size> sizes) {

    /**
     * A pizza on the menu.
     *
     * @param id its id
     * @param name its name
     * @param description its description
     * @param category its category
     * @param basePrice the price of a medium pizza
     * @param prices the price per size ({@code small}, {@code medium}, {@code large})
     * @param preparationTimeMinutes minutes to prepare and bake one
     * @param seasonal whether it is seasonal
     * @param available whether it can be ordered now: on the menu as available and its base in stock
     * @param isSeasonal the seed's name of {@code seasonal}
     * @param availableSizes the sizes it comes in (the seed's {@code available_sizes})
     * @param availableToppings the toppings it can have now, those in stock (the seed's
     *     {@code available_toppings})
     * @since 0.1
     */
    public record Item(String id, String name, String description, String category, BigDecimal basePrice,
            Map<String, BigDecimal> prices, int preparationTimeMinutes, boolean seasonal, boolean available,
            @JsonProperty("is_seasonal") boolean isSeasonal, List<String> availableSizes, List<String> availableToppings) {
    }

    /**
     * A topping.
     *
     * @param id its id, such as {@code extra_cheese}
     * @param name its name
     * @param price its price, whatever the size
     * @param available whether it is in stock
     * @since 0.1
     */
    public record Topping(String id, String name, BigDecimal price, boolean available) {
    }

    /**
     * A size.
     *
     * @param size its name
     * @param multiplier of the base price
     * @since 0.1
     */
    public record Size(String size, BigDecimal multiplier) {
    }
}
