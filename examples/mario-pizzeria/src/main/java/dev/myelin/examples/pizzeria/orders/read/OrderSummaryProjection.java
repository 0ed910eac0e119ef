package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.examples.pizzeria.orders.events.CookingStarted;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.OrderEvent;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.orders.events.OrderViewed;
import dev.myelin.examples.pizzeria.orders.events.PaymentAuthorized;
import dev.myelin.examples.pizzeria.orders.events.PaymentProcessed;
import dev.myelin.spring.boot.data.InlineProjection;
import dev.myelin.spring.boot.data.InlineWrites;
import java.sql.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code order_summaries} (status, denormalised customer name, items count, total) in step with
 * the order events. Inline, in the command's transaction: the status answered right after a command
 * is that command's, and the kitchen capacity check counts every committed order. Idempotent.
 */
@Component
@InlineProjection
class OrderSummaryProjection implements Projection {

    /** Parameters: the summary's columns. */
    private static final String SQL_INSERT = """
            insert into order_summaries (order_id, customer_id, customer_name, status, items_count, prep_minutes,
                                         total_amount, payment_status, placed_at, estimated_ready_time, updated_at,
                                         token_hash)
            values (:id, :customerId, :customerName, 'pending', :items, :prep, :total, :payment, :at, :ready, :at,
                    :tokenHash)
            on conflict (order_id) do nothing
            """;

    /** Parameters: order id, status, at. */
    private static final String SQL_STATUS = """
            update order_summaries set status = :status, updated_at = :at where order_id = :id
            """;

    /** Parameters: order id, estimated ready time, at. */
    private static final String SQL_READY_TIME = """
            update order_summaries set estimated_ready_time = :ready, updated_at = :at where order_id = :id
            """;

    /** Parameters: order id, payment status, at. */
    private static final String SQL_PAYMENT = """
            update order_summaries set payment_status = :payment, updated_at = :at where order_id = :id
            """;

    /** Parameters: order id, at. */
    private static final String SQL_VIEWED = """
            update order_summaries set viewed_at = :at where order_id = :id
            """;

    private final InlineWrites writes;

    OrderSummaryProjection(InlineWrites writes) {
        this.writes = writes;
    }

    @Override
    public void apply(StoredEvent stored) {
        if (!(stored.event() instanceof OrderEvent event)) {
            return;
        }
        Timestamp at = Timestamp.from(event.at());
        if (event instanceof OrderPlaced placed) {
            writes.sql(SQL_INSERT)
                    .param("id", placed.orderId())
                    .param("customerId", placed.customer().customerId())
                    .param("customerName", placed.customer().name())
                    .param("items", placed.items().size())
                    .param("prep", placed.items().stream().mapToInt(OrderPlaced.Line::preparationTimeMinutes).sum())
                    .param("total", placed.totals().total())
                    .param("payment", placed.payment().status())
                    .param("at", at)
                    .param("ready", Timestamp.from(placed.estimatedReadyTime()))
                    .param("tokenHash", placed.tokenHash())
                    .add();
            return;
        }
        event.resultingStatus().ifPresent(status -> writes.sql(SQL_STATUS)
                .param("id", event.orderId()).param("status", status.jsonName()).param("at", at).add());
        if (event instanceof CookingStarted started) {
            writes.sql(SQL_READY_TIME).param("id", started.orderId())
                    .param("ready", Timestamp.from(started.estimatedReadyTime())).param("at", at).add();
        } else if (event instanceof PaymentProcessed) {
            writes.sql(SQL_PAYMENT).param("id", event.orderId()).param("payment", OrderPlaced.Payment.PAID).param("at", at)
                    .add();
        } else if (event instanceof PaymentAuthorized) {
            writes.sql(SQL_PAYMENT).param("id", event.orderId()).param("payment", OrderPlaced.Payment.AUTHORIZED)
                    .param("at", at).add();
        } else if (event instanceof OrderCancelled cancelled) {
            writes.sql(SQL_PAYMENT).param("id", event.orderId()).param("payment", cancelled.paymentStatus()).param("at", at)
                    .add();
        } else if (event instanceof OrderViewed) {
            writes.sql(SQL_VIEWED).param("id", event.orderId()).param("at", at).add();
        }
    }
}
