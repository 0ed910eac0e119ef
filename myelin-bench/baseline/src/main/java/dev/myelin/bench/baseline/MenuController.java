package dev.myelin.bench.baseline;

import jakarta.validation.constraints.Pattern;
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

    /** Parameters: category (or null), include unavailable, include seasonal. */
    private static final String SQL_PIZZAS = """
            select pizza_id, name, description, category, base_price, preparation_time_minutes, seasonal, available
            from menu_pizzas
            where (cast(:category as text) is null or category = :category)
              and (:includeUnavailable or available)
              and (:includeSeasonal or not seasonal)
            order by category, name
            """;

    private static final String SQL_TOPPINGS = """
            select topping_id, name, price from menu_toppings order by name
            """;

    private static final List<Size> SIZES = Arrays.stream(PizzaSize.values())
            .map(size -> new Size(size.jsonName(), size.multiplier()))
            .toList();

    private final JdbcClient jdbc;

    MenuController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/menu")
    Menu menu(@RequestParam(name = "category", required = false)
            @Pattern(regexp = "[a-z_]{1,30}", message = "must be 1-30 lower-case letters or _") @Nullable String category,
            @RequestParam(name = "include_unavailable", defaultValue = "false") boolean includeUnavailable,
            @RequestParam(name = "include_seasonal", defaultValue = "true") boolean includeSeasonal) {
        List<Item> pizzas = jdbc.sql(SQL_PIZZAS)
                .param("category", category)
                .param("includeUnavailable", includeUnavailable)
                .param("includeSeasonal", includeSeasonal)
                .query((row, n) -> item(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBigDecimal(5), row.getInt(6), row.getBoolean(7), row.getBoolean(8)))
                .list();
        List<Topping> toppings = jdbc.sql(SQL_TOPPINGS)
                .query((row, n) -> new Topping(row.getString(1), row.getString(2), row.getBigDecimal(3)))
                .list();
        return new Menu(pizzas, toppings, SIZES);
    }

    private static Item item(String id, String name, String description, String category, BigDecimal basePrice,
            int minutes, boolean seasonal, boolean available) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (PizzaSize size : PizzaSize.values()) {
            prices.put(size.jsonName(), basePrice.multiply(size.multiplier()).setScale(2, RoundingMode.HALF_UP));
        }
        return new Item(id, name, description, category, basePrice, prices, minutes, seasonal, available);
    }

    /** The pizzeria's {@code MenuDto}. */
    record Menu(List<Item> pizzas, List<Topping> toppings, List<Size> sizes) {
    }

    /** A pizza on the menu. */
    record Item(String id, String name, String description, String category, BigDecimal basePrice,
            Map<String, BigDecimal> prices, int preparationTimeMinutes, boolean seasonal, boolean available) {
    }

    /** A topping. */
    record Topping(String id, String name, BigDecimal price) {
    }

    /** A size and its multiplier. */
    record Size(String size, BigDecimal multiplier) {
    }
}
