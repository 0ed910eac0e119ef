package dev.myelin.examples.pizzeria.menu;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
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

    /**
     * Parameters: pizza ids, topping ids (text arrays). The pizzas, then the toppings, in one statement
     * whose text is the same for any number of ids ({@code = any(...)}).
     */
    private static final String SQL_SELECTION = """
            select 'pizza', pizza_id, name, base_price, preparation_time_minutes, available
            from menu_pizzas where pizza_id = any(:pizzas)
            union all
            select 'topping', topping_id, name, price, 0, true from menu_toppings where topping_id = any(:toppings)
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
     * Returns some pizzas and toppings of the menu, read together by one statement (so from one
     * snapshot of the menu in the caller's transaction).
     *
     * @param pizzaIds the pizzas wanted
     * @param toppingIds the toppings wanted
     * @return those of them on the menu
     */
    public Selection select(Collection<String> pizzaIds, Collection<String> toppingIds) {
        Map<String, CatalogPizza> pizzas = new HashMap<>();
        Map<String, CatalogTopping> toppings = new HashMap<>();
        jdbc.sql(SQL_SELECTION).param("pizzas", pizzaIds.toArray(String[]::new))
                .param("toppings", toppingIds.toArray(String[]::new))
                .query(row -> {
                    if ("pizza".equals(row.getString(1))) {
                        pizzas.put(row.getString(2), new CatalogPizza(row.getString(2), row.getString(3),
                                row.getBigDecimal(4), row.getInt(5), row.getBoolean(6)));
                    } else {
                        toppings.put(row.getString(2), new CatalogTopping(row.getString(2), row.getString(3),
                                row.getBigDecimal(4)));
                    }
                });
        return new Selection(pizzas, toppings);
    }

    /**
     * Pizzas and toppings of the menu, by id.
     *
     * @param pizzas the pizzas found
     * @param toppings the toppings found
     * @since 0.1
     */
    public record Selection(Map<String, CatalogPizza> pizzas, Map<String, CatalogTopping> toppings) {

        /** Copies the maps (unmodifiable; looking up {@code null} finds nothing). */
        public Selection {
            pizzas = Collections.unmodifiableMap(new HashMap<>(pizzas));
            toppings = Collections.unmodifiableMap(new HashMap<>(toppings));
        }
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
