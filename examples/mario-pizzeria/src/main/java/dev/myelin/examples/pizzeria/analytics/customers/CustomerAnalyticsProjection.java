package dev.myelin.examples.pizzeria.analytics.customers;

import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the customer analytics (the seed's {@code analytics_service}): each customer's first order, and
 * each order's value and whether its customer had ordered before (the seed's {@code customer_type}:
 * {@code new} or {@code returning}); a cancellation marks the order cancelled. Customers are told apart
 * by {@code customer_id} (a guest's is made of the phone's digits, as the seed tells returning guests by
 * phone). Asynchronous (projection daemon, checkpointed with the writes), in the log's order, so the
 * first order seen is the first placed. Idempotent: inserts skip rows already there, and an order's
 * type depends only on the customer's first order.
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

    private final JdbcClient jdbc;

    CustomerAnalyticsProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(StoredEvent stored) {
        if (stored.event() instanceof OrderPlaced placed) {
            OffsetDateTime at = OffsetDateTime.ofInstant(placed.at(), ZoneOffset.UTC);
            String customer = placed.customer().customerId();
            jdbc.sql(SQL_CUSTOMER).param("customer", customer).param("id", placed.orderId()).param("at", at).update();
            jdbc.sql(SQL_ORDER).param("id", placed.orderId()).param("customer", customer).param("at", at)
                    .param("amount", placed.totals().total()).update();
        } else if (stored.event() instanceof OrderCancelled cancelled) {
            jdbc.sql(SQL_CANCELLED).param("id", cancelled.orderId()).update();
        }
    }
}
