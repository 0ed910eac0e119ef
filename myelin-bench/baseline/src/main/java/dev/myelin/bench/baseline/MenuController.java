package dev.myelin.bench.baseline;

import jakarta.validation.constraints.Pattern;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/menu}: the pizzeria's {@code GetMenuHandler} SQL and JSON, read on every request (the
 * pizzeria caches its answer; the baseline does not).
 */
@RestController
class MenuController {

    /**
     * Parameters: category (or null), include unavailable, include seasonal. A pizza whose base has no unit
     * free is unavailable (the pizzeria's inventory rule; read from the stock rows, the baseline's only copy).
     */
    private static final String SQL_PIZZAS = """
            select p.pizza_id, p.name, p.description, p.category, p.base_price, p.preparation_time_minutes, p.seasonal,
                   p.available and coalesce(s.on_hand > s.reserved, true) as orderable
            from menu_pizzas p left join inventory_stock s on s.ingredient = 'base:' || p.pizza_id
            where (cast(:category as text) is null or p.category = :category)
              and (:includeUnavailable or (p.available and coalesce(s.on_hand > s.reserved, true)))
              and (:includeSeasonal or not p.seasonal)
            order by p.category, p.name
            """;

    /** Every topping, in stock or not (an ingredient not counted never runs out). */
    private static final String SQL_TOPPINGS = """
            select t.topping_id, t.name, t.price, coalesce(s.on_hand > s.reserved, true)
            from menu_toppings t left join inventory_stock s on s.ingredient = 'topping:' || t.topping_id
            order by t.name
            """;

    private static final List<Size> SIZES = Arrays.stream(PizzaSize.values())
            .map(size -> new Size(size.jsonName(), size.multiplier()))
            .toList();

    private static final List<String> SIZE_NAMES = Arrays.stream(PizzaSize.values()).map(PizzaSize::jsonName).toList();

    private final JdbcClient jdbc;

    MenuController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/menu")
    Menu menu(@RequestParam(name = "category", required = false)
            @Pattern(regexp = "[a-z_]{1,30}", message = "must be 1-30 lower-case letters or _") @Nullable String category,
            @RequestParam(name = "include_unavailable", defaultValue = "false") boolean includeUnavailable,
            @RequestParam(name = "include_seasonal", defaultValue = "true") boolean includeSeasonal) {
        List<Topping> allToppings = jdbc.sql(SQL_TOPPINGS)
                .query((row, n) -> new Topping(row.getString(1), row.getString(2), row.getBigDecimal(3), row.getBoolean(4)))
                .list();
        List<String> inStock = allToppings.stream().filter(Topping::available).map(Topping::id).toList();
        List<Item> pizzas = jdbc.sql(SQL_PIZZAS)
                .param("category", category)
                .param("includeUnavailable", includeUnavailable)
                .param("includeSeasonal", includeSeasonal)
                .query((row, n) -> item(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBigDecimal(5), row.getInt(6), row.getBoolean(7), row.getBoolean(8), inStock))
                .list();
        List<Topping> toppings = includeUnavailable ? allToppings : allToppings.stream().filter(Topping::available).toList();
        return new Menu(pizzas, toppings, SIZES);
    }

    private static Item item(String id, String name, String description, String category, BigDecimal basePrice,
            int minutes, boolean seasonal, boolean available, List<String> toppings) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (PizzaSize size : PizzaSize.values()) {
            prices.put(size.jsonName(), basePrice.multiply(size.multiplier()).setScale(2, RoundingMode.HALF_UP));
        }
        return new Item(id, name, description, category, basePrice, prices, minutes, seasonal, available, seasonal, SIZE_NAMES,
                toppings);
    }

    /** The pizzeria's {@code MenuDto}. */
    record Menu(List<Item> pizzas, List<Topping> toppings, List<Size> sizes) {
    }

    /** A pizza on the menu. */
    record Item(String id, String name, String description, String category, BigDecimal basePrice,
            Map<String, BigDecimal> prices, int preparationTimeMinutes, boolean seasonal, boolean available,
            @JsonProperty("is_seasonal") boolean isSeasonal, List<String> availableSizes, List<String> availableToppings) {
    }

    /** A topping. */
    record Topping(String id, String name, BigDecimal price, boolean available) {
    }

    /** A size and its multiplier. */
    record Size(String size, BigDecimal multiplier) {
    }
}
