package dev.myelin.examples.pizzeria.customers;

import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.OrderEvent;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.postgres.JacksonEventSerializer;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the customer history (orders, lifetime value, favourite pizzas) from the order events.
 * Asynchronous — run by the projection daemon after commit, with its checkpoint in the same
 * transaction, so each event is applied exactly once — because nothing needs it in the instant an
 * order is placed and it should not slow the order's transaction. Cancelled orders stay listed but
 * leave the totals and the favourites.
 */
@Component
class CustomerHistoryProjection implements Projection {

    /** Parameters: order columns. */
    private static final String SQL_INSERT_ORDER = """
            insert into customer_orders (order_id, customer_id, placed_at, status, items_count, total_amount, pizza_ids)
            values (:id, :customerId, :at, 'pending', :items, :total, cast(:pizzas as jsonb))
            """;

    /** Parameters: customer id, name, total. */
    private static final String SQL_ADD_STATS = """
            insert into customer_stats (customer_id, customer_name, total_orders, total_spent)
            values (:customerId, :name, 1, :total)
            on conflict (customer_id) do update set customer_name = excluded.customer_name,
                total_orders = customer_stats.total_orders + 1, total_spent = customer_stats.total_spent + excluded.total_spent
            """;

    /** Parameters: customer id, pizza id, name. */
    private static final String SQL_ADD_PIZZA = """
            insert into customer_pizzas (customer_id, pizza_id, pizza_name, quantity) values (:customerId, :pizzaId, :name, 1)
            on conflict (customer_id, pizza_id) do update set quantity = customer_pizzas.quantity + 1,
                pizza_name = excluded.pizza_name
            """;

    /** Parameters: order id, status. */
    private static final String SQL_STATUS = """
            update customer_orders set status = :status where order_id = :id
            """;

    /** Parameters: order id. */
    private static final String SQL_CANCELLED_ORDER = """
            select customer_id, total_amount from customer_orders where order_id = :id
            """;

    /** Parameters: customer id, total. */
    private static final String SQL_REMOVE_STATS = """
            update customer_stats set total_orders = total_orders - 1, total_spent = total_spent - :total
            where customer_id = :customerId
            """;

    /** Parameters: customer id, order id. */
    private static final String SQL_REMOVE_PIZZAS = """
            update customer_pizzas p set quantity = p.quantity - c.n
            from (select value as pizza_id, count(*) as n from customer_orders o, jsonb_array_elements_text(o.pizza_ids)
                  where o.order_id = :id group by value) c
            where p.customer_id = :customerId and p.pizza_id = c.pizza_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper mapper = JacksonEventSerializer.mapperBuilder().build();

    CustomerHistoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(StoredEvent stored) {
        if (stored.event() instanceof OrderPlaced placed) {
            placed(placed);
        } else if (stored.event() instanceof OrderEvent event) {
            if (event instanceof OrderCancelled) {
                cancelled(event.orderId());
            }
            event.resultingStatus().ifPresent(status ->
                    jdbc.sql(SQL_STATUS).param("id", event.orderId()).param("status", status.jsonName()).update());
        }
    }

    private void placed(OrderPlaced placed) {
        String customerId = placed.customer().customerId();
        jdbc.sql(SQL_INSERT_ORDER)
                .param("id", placed.orderId())
                .param("customerId", customerId)
                .param("at", Timestamp.from(placed.at()))
                .param("items", placed.items().size())
                .param("total", placed.totals().total())
                .param("pizzas", mapper.writeValueAsString(placed.items().stream().map(OrderPlaced.Line::pizzaId).toList()))
                .update();
        jdbc.sql(SQL_ADD_STATS).param("customerId", customerId).param("name", placed.customer().name())
                .param("total", placed.totals().total()).update();
        for (OrderPlaced.Line line : placed.items()) {
            jdbc.sql(SQL_ADD_PIZZA).param("customerId", customerId).param("pizzaId", line.pizzaId())
                    .param("name", line.pizzaName()).update();
        }
    }

    private void cancelled(String orderId) {
        Optional<CancelledOrder> order = jdbc.sql(SQL_CANCELLED_ORDER).param("id", orderId)
                .query((row, n) -> new CancelledOrder(row.getString(1), row.getBigDecimal(2))).optional();
        order.ifPresent(found -> {
            jdbc.sql(SQL_REMOVE_STATS).param("customerId", found.customerId()).param("total", found.total()).update();
            jdbc.sql(SQL_REMOVE_PIZZAS).param("customerId", found.customerId()).param("id", orderId).update();
        });
    }

    private record CancelledOrder(String customerId, BigDecimal total) {
    }
}
