package dev.myelin.examples.pizzeria.analytics.customers;

import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.shared.StatementBatch;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.stereotype.Component;

/**
 * Keeps the customer analytics (the seed's {@code analytics_service}): each customer's first order, and
 * each order's value and whether its customer had ordered before (the seed's {@code customer_type}:
 * {@code new} or {@code returning}); a cancellation marks the order cancelled. Customers are told apart
 * by {@code customer_id} (a guest's is made of the phone's digits, as the seed tells returning guests by
 * phone). Asynchronous (projection daemon, checkpointed with the writes), in the log's order, so the
 * first order seen is the first placed. Idempotent: inserts skip rows already there, and an order's
 * type depends only on the customer's first order. A batch of events is written with one JDBC batch per
 * table ({@link #applyAll}), with the result of applying its events one by one.
 */
@Component
class CustomerAnalyticsProjection implements Projection {

    /** Parameters: customer, order id, time. */
    private static final String SQL_CUSTOMER = """
            insert into analytics_customers (customer_id, first_order_id, first_order_at) values (:customer, :id, :at)
            on conflict (customer_id) do nothing
            """;

    /** Parameters: order id, customer, time, amount. */
    private static final String SQL_ORDER = """
            insert into analytics_orders (order_id, customer_id, placed_at, amount, returning_customer)
            select :id, c.customer_id, :at, :amount, c.first_order_id <> :id
            from analytics_customers c where c.customer_id = :customer
            on conflict (order_id) do nothing
            """;

    /** Parameters: order id. */
    private static final String SQL_CANCELLED = """
            update analytics_orders set cancelled = true where order_id = :id
            """;

    private final NamedParameterJdbcOperations jdbc;

    CustomerAnalyticsProjection(NamedParameterJdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(StoredEvent stored) {
        applyAll(List.of(stored));
    }

    /**
     * Writes the batch with one JDBC batch per statement (customers, orders, cancellations). A
     * customer's second order in the batch skips the customer's insert, which could only find the row
     * the first one left.
     */
    @Override
    public void applyAll(List<StoredEvent> events) {
        StatementBatch batch = new StatementBatch(jdbc, SQL_CUSTOMER, SQL_ORDER, SQL_CANCELLED);
        Set<String> customers = new HashSet<>();
        for (StoredEvent stored : events) {
            if (stored.event() instanceof OrderPlaced placed) {
                OffsetDateTime at = OffsetDateTime.ofInstant(placed.at(), ZoneOffset.UTC);
                String customer = placed.customer().customerId();
                if (customers.add(customer)) {
                    batch.add(SQL_CUSTOMER, new MapSqlParameterSource("customer", customer).addValue("id", placed.orderId())
                            .addValue("at", at), "analytics_customers:" + customer);
                }
                batch.add(SQL_ORDER, new MapSqlParameterSource("id", placed.orderId()).addValue("customer", customer)
                        .addValue("at", at).addValue("amount", placed.totals().total()),
                        "analytics_customers:" + customer, "analytics_orders:" + placed.orderId());
            } else if (stored.event() instanceof OrderCancelled cancelled) {
                batch.add(SQL_CANCELLED, new MapSqlParameterSource("id", cancelled.orderId()),
                        "analytics_orders:" + cancelled.orderId());
            }
        }
        batch.flush();
    }
}
