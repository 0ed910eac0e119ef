package dev.myelin.examples.pizzeria.analytics.performance;

import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.examples.pizzeria.orders.events.CookingStarted;
import dev.myelin.examples.pizzeria.orders.events.PizzaReady;
import dev.myelin.examples.pizzeria.shared.PizzeriaProperties;
import dev.myelin.examples.pizzeria.shared.StatementBatch;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.stereotype.Component;

/**
 * Keeps the kitchen's performance (the seed's {@code performance_service}): each order's cooking start
 * ({@link CookingStarted}: who, when, the cook's estimate) and each pizza's actual cooking time, from that
 * start to its {@link PizzaReady}, on time when it was ready within the estimate, filed under the chef
 * and the day it came out of the oven (in the pizzeria's time zone). Asynchronous (projection daemon,
 * checkpointed with the writes): a manager's report may trail the kitchen by a moment and must never
 * slow a cook's command. Idempotent: inserts skip rows already there. A batch of events is written with
 * one JDBC batch per table ({@link #applyAll}), with the result of applying its events one by one.
 */
@Component
class KitchenPerformanceProjection implements Projection {

    /** Parameters: order id, staff, estimate, start. */
    private static final String SQL_COOKING = """
            insert into kitchen_cooking (order_id, kitchen_staff_id, estimated_minutes, started_at)
            values (:id, :staff, :estimate, :at)
            on conflict (order_id) do nothing
            """;

    /** Parameters: order id, pizza index and id, the day and instant it was ready. */
    private static final String SQL_PIZZA = """
            insert into kitchen_pizza_times (order_id, pizza_index, pizza_id, kitchen_staff_id, ready_day, ready_at,
                                             cooking_seconds, estimated_minutes, on_time)
            select c.order_id, :index, :pizzaId, c.kitchen_staff_id, :day, :at,
                   greatest(0, extract(epoch from (cast(:at as timestamptz) - c.started_at)))::int, c.estimated_minutes,
                   cast(:at as timestamptz) <= c.started_at + make_interval(mins => c.estimated_minutes)
            from kitchen_cooking c where c.order_id = :id
            on conflict (order_id, pizza_index) do nothing
            """;

    private final NamedParameterJdbcOperations jdbc;
    private final PizzeriaProperties properties;

    KitchenPerformanceProjection(NamedParameterJdbcOperations jdbc, PizzeriaProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public void apply(StoredEvent stored) {
        applyAll(List.of(stored));
    }

    /** Writes the batch with one JDBC batch per table (cooking starts, pizza times). */
    @Override
    public void applyAll(List<StoredEvent> events) {
        StatementBatch batch = new StatementBatch(jdbc, SQL_COOKING, SQL_PIZZA);
        for (StoredEvent stored : events) {
            if (stored.event() instanceof CookingStarted started) {
                batch.add(SQL_COOKING, new MapSqlParameterSource("id", started.orderId())
                        .addValue("staff", started.kitchenStaffId()).addValue("estimate", started.estimatedCookingTimeMinutes())
                        .addValue("at", OffsetDateTime.ofInstant(started.at(), ZoneOffset.UTC)),
                        "kitchen_cooking:" + started.orderId());
            } else if (stored.event() instanceof PizzaReady ready) {
                batch.add(SQL_PIZZA, new MapSqlParameterSource("id", ready.orderId()).addValue("index", ready.pizzaIndex())
                        .addValue("pizzaId", ready.pizzaId())
                        .addValue("day", LocalDate.ofInstant(ready.at(), properties.timeZone()))
                        .addValue("at", OffsetDateTime.ofInstant(ready.at(), ZoneOffset.UTC)),
                        "kitchen_cooking:" + ready.orderId());
            }
        }
        batch.flush();
    }
}
