package dev.myelin.examples.pizzeria.menu;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.examples.pizzeria.shared.Money;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the menu read model ({@code menu_pizzas}, {@code menu_toppings}) with the inventory's
 * ({@code ingredient_levels}): a pizza whose base, or a topping, has no unit free is unavailable. Never
 * loads pizzas.
 */
@Component
class GetMenuHandler implements QueryHandler<GetMenu, OperationResult<MenuDto>> {

    /** Parameters: category (or null), include unavailable, include seasonal. */
    private static final String SQL_PIZZAS = """
            select p.pizza_id, p.name, p.description, p.category, p.base_price, p.preparation_time_minutes, p.seasonal,
                   p.available and coalesce(l.on_hand > l.reserved, true) as orderable
            from menu_pizzas p left join ingredient_levels l on l.ingredient = 'base:' || p.pizza_id
            where (cast(:category as text) is null or p.category = :category)
              and (:includeUnavailable or (p.available and coalesce(l.on_hand > l.reserved, true)))
              and (:includeSeasonal or not p.seasonal)
            order by p.category, p.name
            """;

    /** Every topping, in stock or not (an ingredient not counted never runs out). */
    private static final String SQL_TOPPINGS = """
            select t.topping_id, t.name, t.price, coalesce(l.on_hand > l.reserved, true)
            from menu_toppings t left join ingredient_levels l on l.ingredient = 'topping:' || t.topping_id
            order by t.name
            """;

    private static final List<MenuDto.Size> SIZES = Arrays.stream(PizzaSize.values())
            .map(size -> new MenuDto.Size(size.jsonName(), size.multiplier()))
            .toList();

    private static final List<String> SIZE_NAMES = Arrays.stream(PizzaSize.values()).map(PizzaSize::jsonName).toList();

    private final JdbcClient jdbc;

    GetMenuHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OperationResult<MenuDto> handle(GetMenu query) {
        List<MenuDto.Topping> allToppings = jdbc.sql(SQL_TOPPINGS)
                .query((row, n) -> new MenuDto.Topping(row.getString(1), row.getString(2), row.getBigDecimal(3),
                        row.getBoolean(4)))
                .list();
        List<String> inStock = allToppings.stream().filter(MenuDto.Topping::available).map(MenuDto.Topping::id).toList();
        List<MenuDto.Item> pizzas = jdbc.sql(SQL_PIZZAS)
                .param("category", query.category())
                .param("includeUnavailable", query.includeUnavailable())
                .param("includeSeasonal", query.includeSeasonal())
                .query((row, n) -> item(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBigDecimal(5), row.getInt(6), row.getBoolean(7), row.getBoolean(8), inStock))
                .list();
        List<MenuDto.Topping> toppings = query.includeUnavailable() ? allToppings
                : allToppings.stream().filter(MenuDto.Topping::available).toList();
        return OperationResult.ok(new MenuDto(pizzas, toppings, SIZES));
    }

    private static MenuDto.Item item(String id, String name, String description, String category, BigDecimal basePrice,
            int minutes, boolean seasonal, boolean available, List<String> toppings) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (PizzaSize size : PizzaSize.values()) {
            prices.put(size.jsonName(), Money.of(basePrice.multiply(size.multiplier())));
        }
        return new MenuDto.Item(id, name, description, category, basePrice, prices, minutes, seasonal, available, seasonal,
                SIZE_NAMES, toppings);
    }
}
