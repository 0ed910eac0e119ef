package dev.myelin.examples.pizzeria.customers;

import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.OrderEvent;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.shared.StatementBatch;
import dev.myelin.postgres.JacksonEventSerializer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the customer history (orders, lifetime value, favourite pizzas) from the order events.
 * Asynchronous — run by the projection daemon after commit, with its checkpoint in the same
 * transaction, so each event is applied exactly once — because nothing needs it in the instant an
 * order is placed and it should not slow the order's transaction. Cancelled orders stay listed but
 * leave the totals and the favourites. A batch of events is written with one JDBC batch per table
 * ({@link #applyAll}), with the result of applying its events one by one.
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

    /** Parameters: order id. Takes a cancelled order off its customer's totals. */
    private static final String SQL_REMOVE_STATS = """
            update customer_stats s set total_orders = s.total_orders - 1, total_spent = s.total_spent - o.total_amount
            from customer_orders o where o.order_id = :id and s.customer_id = o.customer_id
            """;

    /** Parameters: order id. Takes a cancelled order's pizzas off its customer's favourites. */
    private static final String SQL_REMOVE_PIZZAS = """
            update customer_pizzas p set quantity = p.quantity - c.n
            from (select o.customer_id, value as pizza_id, count(*) as n
                  from customer_orders o, jsonb_array_elements_text(o.pizza_ids)
                  where o.order_id = :id group by o.customer_id, value) c
            where p.customer_id = c.customer_id and p.pizza_id = c.pizza_id
            """;

    private final NamedParameterJdbcOperations jdbc;
    private final JsonMapper mapper = JacksonEventSerializer.mapperBuilder().build();

    CustomerHistoryProjection(NamedParameterJdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(StoredEvent stored) {
        applyAll(List.of(stored));
    }

    /**
     * Writes the batch with one JDBC batch per statement (orders, totals, favourites, statuses); the
     * statements of a cancellation, which finds its customer through the order's row, are sent before
     * the events after it are written.
     */
    @Override
    public void applyAll(List<StoredEvent> events) {
        StatementBatch batch = new StatementBatch(jdbc, SQL_INSERT_ORDER, SQL_ADD_STATS, SQL_ADD_PIZZA, SQL_REMOVE_STATS,
                SQL_REMOVE_PIZZAS, SQL_STATUS);
        for (StoredEvent stored : events) {
            if (stored.event() instanceof OrderPlaced placed) {
                placed(batch, placed);
            } else if (stored.event() instanceof OrderCancelled cancelled) {
                MapSqlParameterSource order = new MapSqlParameterSource("id", cancelled.orderId());
                batch.add(SQL_REMOVE_STATS, order, "customer_orders:" + cancelled.orderId());
                batch.add(SQL_REMOVE_PIZZAS, order, "customer_orders:" + cancelled.orderId());
                status(batch, cancelled);
                // The customer whose totals and favourites it changed is known only to the database.
                batch.flush();
            } else if (stored.event() instanceof OrderEvent event) {
                status(batch, event);
            }
        }
        batch.flush();
    }

    /** The order's row is inserted as {@code pending}, the status its {@link OrderPlaced} gives it. */
    private void placed(StatementBatch batch, OrderPlaced placed) {
        String customerId = placed.customer().customerId();
        batch.add(SQL_INSERT_ORDER, new MapSqlParameterSource()
                .addValue("id", placed.orderId())
                .addValue("customerId", customerId)
                .addValue("at", OffsetDateTime.ofInstant(placed.at(), ZoneOffset.UTC))
                .addValue("items", placed.items().size())
                .addValue("total", placed.totals().total())
                .addValue("pizzas", mapper.writeValueAsString(placed.items().stream().map(OrderPlaced.Line::pizzaId).toList())),
                "customer_orders:" + placed.orderId());
        batch.add(SQL_ADD_STATS, new MapSqlParameterSource("customerId", customerId)
                .addValue("name", placed.customer().name()).addValue("total", placed.totals().total()),
                "customer_stats:" + customerId);
        for (OrderPlaced.Line line : placed.items()) {
            batch.add(SQL_ADD_PIZZA, new MapSqlParameterSource("customerId", customerId)
                    .addValue("pizzaId", line.pizzaId()).addValue("name", line.pizzaName()),
                    "customer_pizzas:" + customerId);
        }
    }

    private static void status(StatementBatch batch, OrderEvent event) {
        event.resultingStatus().ifPresent(status -> batch.add(SQL_STATUS,
                new MapSqlParameterSource("id", event.orderId()).addValue("status", status.jsonName()),
                "customer_orders:" + event.orderId()));
    }
}
