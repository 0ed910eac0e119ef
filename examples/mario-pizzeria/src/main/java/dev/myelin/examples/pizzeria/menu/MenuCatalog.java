package dev.myelin.examples.pizzeria.menu;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The menu's prices for the order side: what a pizza and the toppings cost now. Reads the menu read
 * model in the caller's transaction (it is inline, so it is as fresh as the menu's last commit).
 * Thread-safe.
 *
 * @since 0.1
 */
@Component
public class MenuCatalog {

    /** Parameters: pizza id. */
    private static final String SQL_PIZZA = """
            select pizza_id, name, base_price, preparation_time_minutes, available from menu_pizzas where pizza_id = :id
            """;

    private static final String SQL_TOPPINGS = """
            select topping_id, name, price from menu_toppings
            """;

    private final JdbcClient jdbc;

    MenuCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Returns a pizza of the menu.
     *
     * @param pizzaId its id
     * @return the pizza, or empty when it is not on the menu
     */
    public Optional<CatalogPizza> pizza(String pizzaId) {
        return jdbc.sql(SQL_PIZZA).param("id", pizzaId)
                .query((row, n) -> new CatalogPizza(row.getString(1), row.getString(2), row.getBigDecimal(3), row.getInt(4),
                        row.getBoolean(5)))
                .optional();
    }

    /**
     * Returns the toppings by id.
     *
     * @return every topping
     */
    public Map<String, CatalogTopping> toppings() {
        return jdbc.sql(SQL_TOPPINGS)
                .query((row, n) -> new CatalogTopping(row.getString(1), row.getString(2), row.getBigDecimal(3)))
                .list().stream()
                .collect(Collectors.toMap(CatalogTopping::id, topping -> topping));
    }

    /**
     * A pizza's price and preparation time.
     *
     * @param id its id
     * @param name its name
     * @param basePrice the price of a medium pizza
     * @param preparationTimeMinutes minutes to prepare and bake one
     * @param available whether it can be ordered now
     * @since 0.1
     */
    public record CatalogPizza(String id, String name, BigDecimal basePrice, int preparationTimeMinutes, boolean available) {
    }

    /**
     * A topping's price.
     *
     * @param id its id
     * @param name its name
     * @param price its price
     * @since 0.1
     */
    public record CatalogTopping(String id, String name, BigDecimal price) {
    }
}
