package dev.myelin.examples.pizzeria.delivery;

import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.examples.pizzeria.orders.events.DeliveryAssigned;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.OrderDelivered;
import dev.myelin.examples.pizzeria.orders.events.OrderEvent;
import dev.myelin.examples.pizzeria.orders.events.OrderOutForDelivery;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.orders.events.OrderReady;
import dev.myelin.examples.pizzeria.orders.events.PaymentAuthorized;
import dev.myelin.examples.pizzeria.orders.events.PaymentProcessed;
import dev.myelin.spring.boot.data.InlineProjection;
import dev.myelin.spring.boot.data.InlineWrites;
import java.math.BigDecimal;
import java.sql.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code deliveries}: a row per order from placement (with the address and the cash due), listed
 * by drivers once ready. Inline, so a driver sees an order the moment it is ready. Idempotent.
 */
@Component
@InlineProjection
class DeliveryProjection implements Projection {

    /** Parameters: the delivery's columns. */
    private static final String SQL_INSERT = """
            insert into deliveries (order_id, customer_name, customer_phone, customer_address, amount_due, status, placed_at)
            values (:id, :name, :phone, :address, :due, 'pending', :at)
            on conflict (order_id) do nothing
            """;

    /** Parameters: order id, at. */
    private static final String SQL_READY = """
            update deliveries set status = 'ready', ready_at = :at where order_id = :id
            """;

    /** Parameters: order id, driver, at. */
    private static final String SQL_ASSIGNED = """
            update deliveries set driver_id = :driver, assigned_at = :at where order_id = :id
            """;

    /** Parameters: order id, driver, at. */
    private static final String SQL_OUT = """
            update deliveries set status = 'out_for_delivery', driver_id = :driver, out_at = :at where order_id = :id
            """;

    /** Parameters: order id, at. */
    private static final String SQL_DELIVERED = """
            update deliveries set status = 'delivered', delivered_at = :at where order_id = :id
            """;

    /** Parameters: order id. */
    private static final String SQL_PAID = """
            update deliveries set amount_due = 0 where order_id = :id
            """;

    /** Parameters: order id. */
    private static final String SQL_DELETE = """
            delete from deliveries where order_id = :id
            """;

    private final InlineWrites writes;

    DeliveryProjection(InlineWrites writes) {
        this.writes = writes;
    }

    @Override
    public void apply(StoredEvent stored) {
        if (!(stored.event() instanceof OrderEvent event)) {
            return;
        }
        Timestamp at = Timestamp.from(event.at());
        if (event instanceof OrderPlaced placed) {
            // Only cash is collected at the door; a card is authorized, then captured, never collected.
            BigDecimal due = OrderPlaced.Payment.DUE.equals(placed.payment().status()) ? placed.totals().total()
                    : BigDecimal.ZERO;
            writes.sql(SQL_INSERT).param("id", placed.orderId()).param("name", placed.customer().name())
                    .param("phone", placed.customer().phone()).param("address", placed.customer().address())
                    .param("due", due).param("at", at).add();
        } else if (event instanceof OrderReady) {
            writes.sql(SQL_READY).param("id", event.orderId()).param("at", at).add();
        } else if (event instanceof DeliveryAssigned assigned) {
            writes.sql(SQL_ASSIGNED).param("id", event.orderId()).param("driver", assigned.driverId()).param("at", at).add();
        } else if (event instanceof OrderOutForDelivery out) {
            writes.sql(SQL_OUT).param("id", event.orderId()).param("driver", out.driverId()).param("at", at).add();
        } else if (event instanceof OrderDelivered) {
            writes.sql(SQL_DELIVERED).param("id", event.orderId()).param("at", at).add();
        } else if (event instanceof PaymentProcessed || event instanceof PaymentAuthorized) {
            writes.sql(SQL_PAID).param("id", event.orderId()).add();
        } else if (event instanceof OrderCancelled) {
            writes.sql(SQL_DELETE).param("id", event.orderId()).add();
        }
    }
}
