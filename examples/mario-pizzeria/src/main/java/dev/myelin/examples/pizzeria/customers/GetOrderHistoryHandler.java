package dev.myelin.examples.pizzeria.customers;

import dev.myelin.core.OperationResult;
import dev.myelin.core.QueryHandler;
import dev.myelin.examples.pizzeria.shared.Money;
import dev.myelin.examples.pizzeria.shared.Page;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the customer history tables; a customer who never ordered gets an empty history. */
@Component
class GetOrderHistoryHandler implements QueryHandler<GetOrderHistory, OperationResult<OrderHistoryDto>> {

    /** Parameters: customer id, limit, offset. */
    private static final String SQL_ORDERS = """
            select order_id, placed_at, status, items_count, total_amount from customer_orders
            where customer_id = :customerId order by placed_at desc, order_id limit :limit offset :offset
            """;

    /** Parameters: customer id. */
    private static final String SQL_STATS = """
            select customer_name, total_orders, total_spent from customer_stats where customer_id = :customerId
            """;

    /** Parameters: customer id. */
    private static final String SQL_FAVORITES = """
            select pizza_id, pizza_name, quantity from customer_pizzas
            where customer_id = :customerId and quantity > 0 order by quantity desc, pizza_id limit 3
            """;

    private final JdbcClient jdbc;

    GetOrderHistoryHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OperationResult<OrderHistoryDto> handle(GetOrderHistory query) {
        List<OrderHistoryDto.HistoryOrder> orders = jdbc.sql(SQL_ORDERS)
                .param("customerId", query.customerId())
                .param("limit", query.pageSize())
                .param("offset", Page.offset(query.page(), query.pageSize()))
                .query((row, n) -> new OrderHistoryDto.HistoryOrder(row.getString(1),
                        row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3), row.getInt(4),
                        row.getBigDecimal(5)))
                .list();
        Optional<Stats> stats = jdbc.sql(SQL_STATS).param("customerId", query.customerId())
                .query((row, n) -> new Stats(row.getString(1), row.getInt(2), row.getBigDecimal(3))).optional();
        List<OrderHistoryDto.FavoritePizza> favorites = jdbc.sql(SQL_FAVORITES).param("customerId", query.customerId())
                .query((row, n) -> new OrderHistoryDto.FavoritePizza(row.getString(1), row.getString(2), row.getInt(3)))
                .list();
        return OperationResult.ok(new OrderHistoryDto(query.customerId(), stats.map(Stats::name).orElse(null), orders,
                stats.map(Stats::orders).orElse(0), stats.map(Stats::spent).orElse(Money.ZERO), favorites, query.page(),
                query.pageSize()));
    }

    private record Stats(String name, int orders, BigDecimal spent) {
    }
}
