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

/** Reads the menu read model ({@code menu_pizzas}, {@code menu_toppings}); never loads pizzas. */
@Component
class GetMenuHandler implements QueryHandler<GetMenu, OperationResult<MenuDto>> {

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

    private static final List<MenuDto.Size> SIZES = Arrays.stream(PizzaSize.values())
            .map(size -> new MenuDto.Size(size.jsonName(), size.multiplier()))
            .toList();

    private final JdbcClient jdbc;

    GetMenuHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OperationResult<MenuDto> handle(GetMenu query) {
        List<MenuDto.Item> pizzas = jdbc.sql(SQL_PIZZAS)
                .param("category", query.category())
                .param("includeUnavailable", query.includeUnavailable())
                .param("includeSeasonal", query.includeSeasonal())
                .query((row, n) -> item(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBigDecimal(5), row.getInt(6), row.getBoolean(7), row.getBoolean(8)))
                .list();
        List<MenuDto.Topping> toppings = jdbc.sql(SQL_TOPPINGS)
                .query((row, n) -> new MenuDto.Topping(row.getString(1), row.getString(2), row.getBigDecimal(3)))
                .list();
        return OperationResult.ok(new MenuDto(pizzas, toppings, SIZES));
    }

    private static MenuDto.Item item(String id, String name, String description, String category, BigDecimal basePrice,
            int minutes, boolean seasonal, boolean available) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (PizzaSize size : PizzaSize.values()) {
            prices.put(size.jsonName(), Money.of(basePrice.multiply(size.multiplier())));
        }
        return new MenuDto.Item(id, name, description, category, basePrice, prices, minutes, seasonal, available);
    }
}
