package dev.myelin.examples.pizzeria.kitchen;

import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.examples.pizzeria.orders.OrderStatus;
import dev.myelin.examples.pizzeria.orders.events.CookingStarted;
import dev.myelin.examples.pizzeria.orders.events.OrderConfirmed;
import dev.myelin.examples.pizzeria.orders.events.OrderEvent;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.orders.events.PizzaReady;
import dev.myelin.postgres.JacksonEventSerializer;
import dev.myelin.spring.boot.data.InlineProjection;
import dev.myelin.spring.boot.data.InlineWrites;
import java.sql.Timestamp;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@code kitchen_queue} and the kitchen's load ({@code kitchen_load}): an order enters the queue
 * when placed and leaves it when ready or cancelled, and the same statement adds its pizzas and
 * preparation minutes to the load or takes them away, so the load is always the sum of the queue.
 * Inline, in the command's transaction: the kitchen sees an order as soon as it is placed, an order
 * leaves the queue in the same commit that made it ready, and the capacity check of the next order
 * counts this one. Idempotent: the load changes only when a queue row is really inserted or deleted
 * ({@code on conflict do nothing} and {@code delete ... returning} feed the update), so a replay or a
 * rebuild of the log gives the same load.
 */
@Component
@InlineProjection
class KitchenQueueProjection implements Projection {

    /**
     * Parameters: the ticket's columns. Adds the order's pizzas and minutes to the load only if the row
     * was inserted, on the stripe of the placing connection ({@code pg_backend_pid() % 64}, recorded in
     * the row for its removal; {@code kitchen_load} has stripes 0 to 63, migration V22): placements on
     * different pooled connections do not wait for one another's stripe lock until commit, as they
     * did when the stripe was chosen by order id.
     */
    private static final String SQL_INSERT = """
            with queued as (
                insert into kitchen_queue (order_id, customer_name, status, order_time, estimated_ready_time, pizza_count,
                                           pizzas_ready, total_prep_time, pizzas, special_instructions, load_stripe)
                values (:id, :customerName, 'pending', :at, :ready, :count, 0, :prep, cast(:pizzas as jsonb),
                        cast(:instructions as jsonb), pg_backend_pid() % 64)
                on conflict (order_id) do nothing
                returning load_stripe, pizza_count, total_prep_time
            )
            update kitchen_load set pizzas = pizzas + queued.pizza_count,
                                    prep_minutes = prep_minutes + queued.total_prep_time
            from queued where kitchen_load.stripe = queued.load_stripe
            """;

    /** Parameters: order id, status. */
    private static final String SQL_STATUS = """
            update kitchen_queue set status = :status where order_id = :id
            """;

    /** Parameters: order id, staff, estimated ready time. */
    private static final String SQL_COOKING = """
            update kitchen_queue set status = 'cooking', kitchen_staff_id = :staff, estimated_ready_time = :ready
            where order_id = :id
            """;

    /** Parameters: order id. */
    private static final String SQL_PIZZA_READY = """
            update kitchen_queue set pizzas_ready = least(pizzas_ready + 1, pizza_count) where order_id = :id
            """;

    /**
     * Parameters: order id. Takes the order's pizzas and minutes from its stripe of the load only if
     * its row was still queued.
     */
    private static final String SQL_DELETE = """
            with left_kitchen as (
                delete from kitchen_queue where order_id = :id returning load_stripe, pizza_count, total_prep_time
            )
            update kitchen_load set pizzas = pizzas - left_kitchen.pizza_count,
                                    prep_minutes = prep_minutes - left_kitchen.total_prep_time
            from left_kitchen where kitchen_load.stripe = left_kitchen.load_stripe
            """;

    private final InlineWrites writes;
    private final JsonMapper mapper = JacksonEventSerializer.mapperBuilder().build();

    KitchenQueueProjection(InlineWrites writes) {
        this.writes = writes;
    }

    @Override
    public void apply(StoredEvent stored) {
        if (!(stored.event() instanceof OrderEvent event)) {
            return;
        }
        if (event instanceof OrderPlaced placed) {
            placed(placed);
        } else if (event instanceof OrderConfirmed) {
            writes.sql(SQL_STATUS).param("id", event.orderId()).param("status", OrderStatus.CONFIRMED.jsonName()).add();
        } else if (event instanceof CookingStarted started) {
            writes.sql(SQL_COOKING).param("id", started.orderId()).param("staff", started.kitchenStaffId())
                    .param("ready", Timestamp.from(started.estimatedReadyTime())).add();
        } else if (event instanceof PizzaReady) {
            writes.sql(SQL_PIZZA_READY).param("id", event.orderId()).add();
        } else if (event.resultingStatus().filter(status -> status == OrderStatus.READY || status == OrderStatus.CANCELLED)
                .isPresent()) {
            writes.sql(SQL_DELETE).param("id", event.orderId()).add();
        }
    }

    private void placed(OrderPlaced placed) {
        List<String> pizzas = placed.items().stream()
                .map(line -> line.size().jsonName() + " " + line.pizzaName()
                        + (line.toppings().isEmpty() ? "" : " + " + String.join(", ", line.toppings())))
                .toList();
        List<String> instructions = placed.items().stream().map(OrderPlaced.Line::specialInstructions)
                .filter(Objects::nonNull).toList();
        writes.sql(SQL_INSERT)
                .param("id", placed.orderId())
                .param("customerName", placed.customer().name())
                .param("at", Timestamp.from(placed.at()))
                .param("ready", Timestamp.from(placed.estimatedReadyTime()))
                .param("count", placed.items().size())
                .param("prep", placed.items().stream().mapToInt(OrderPlaced.Line::preparationTimeMinutes).sum())
                .param("pizzas", mapper.writeValueAsString(pizzas))
                .param("instructions", mapper.writeValueAsString(instructions))
                .add();
    }
}
