package dev.myelin.examples.pizzeria.orders.place;

import dev.myelin.examples.pizzeria.inventory.Inventory;
import dev.myelin.examples.pizzeria.menu.MenuCatalog;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What placing an order reads in its transaction, in ONE statement: the order's pizzas and toppings
 * from the menu read model (the rows {@link MenuCatalog#select} reads, which the card authorization
 * prices from before the transaction), how busy the kitchen is, and which of the order's ingredients
 * the inventory counts (so that an order of uncounted ingredients locks no stock: see
 * {@link Inventory#reserve(String, List, Set)}).
 *
 * <p>The kitchen's load is the pizzas of the orders not yet ready (pending, confirmed, cooking) and
 * their preparation minutes, summed over the 64 stripes of {@code kitchen_load}, the read model that
 * {@code KitchenQueueProjection} keeps inline (so current in the placing command's transaction),
 * whatever the number of orders. Two orders placed at the same instant may both pass the capacity
 * check: the limit is a soft one. Thread-safe.
 */
@Component
class PlacingReads {

    /**
     * Parameters: pizza ids, topping ids, ingredients (text arrays). A row per pizza and per topping
     * found, the load (the sum of the stripes), then a row per counted ingredient.
     */
    private static final String SQL_MENU_AND_LOAD = """
            select 'pizza', pizza_id, name, base_price, preparation_time_minutes, available
            from menu_pizzas where pizza_id = any(:pizzas)
            union all
            select 'topping', topping_id, name, price, 0, true from menu_toppings where topping_id = any(:toppings)
            union all
            select 'load', null, null, coalesce(sum(pizzas), 0), coalesce(sum(prep_minutes), 0), null from kitchen_load
            union all
            select 'counted', ingredient, null, null, null, null from inventory_stock where ingredient = any(:ingredients)
            """;

    private final JdbcClient jdbc;

    PlacingReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reads pizzas and toppings of the menu, the kitchen's load and the counted ingredients, in the
     * caller's transaction.
     *
     * @param pizzaIds the pizzas wanted
     * @param toppingIds the toppings wanted
     * @param ingredients the ingredients they need ({@link Inventory#base}, {@link Inventory#topping})
     * @return those of them on the menu, the load, and those of the ingredients counted
     */
    Read read(Collection<String> pizzaIds, Collection<String> toppingIds, Collection<String> ingredients) {
        Map<String, MenuCatalog.CatalogPizza> pizzas = new HashMap<>();
        Map<String, MenuCatalog.CatalogTopping> toppings = new HashMap<>();
        Set<String> counted = new HashSet<>();
        Load[] load = new Load[1];
        jdbc.sql(SQL_MENU_AND_LOAD).param("pizzas", pizzaIds.toArray(String[]::new))
                .param("toppings", toppingIds.toArray(String[]::new))
                .param("ingredients", ingredients.toArray(String[]::new))
                .query(row -> {
                    switch (row.getString(1)) {
                        case "pizza" -> pizzas.put(row.getString(2), new MenuCatalog.CatalogPizza(row.getString(2),
                                row.getString(3), row.getBigDecimal(4), row.getInt(5), row.getBoolean(6)));
                        case "topping" -> toppings.put(row.getString(2), new MenuCatalog.CatalogTopping(row.getString(2),
                                row.getString(3), row.getBigDecimal(4)));
                        case "counted" -> counted.add(row.getString(2));
                        default -> load[0] = new Load(row.getInt(4), row.getInt(5));
                    }
                });
        return new Read(new MenuCatalog.Selection(pizzas, toppings), load[0], Set.copyOf(counted));
    }

    /**
     * What placing an order read.
     *
     * @param menu the order's pizzas and toppings found on the menu
     * @param load the kitchen's load
     * @param counted those of the order's ingredients the inventory counts
     */
    record Read(MenuCatalog.Selection menu, Load load, Set<String> counted) {
    }

    /**
     * Pizzas waiting or cooking and their preparation minutes.
     *
     * @param pizzas the pizzas
     * @param prepMinutes their preparation minutes, summed
     */
    record Load(int pizzas, int prepMinutes) {
    }
}
