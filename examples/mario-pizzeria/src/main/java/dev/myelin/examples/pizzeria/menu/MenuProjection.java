package dev.myelin.examples.pizzeria.menu;

import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.examples.pizzeria.menu.PizzaAdded.PizzaDetails;
import dev.myelin.spring.boot.data.InlineProjection;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code menu_pizzas} in step with the menu events. Inline: a menu change is visible to the
 * next {@link GetMenu} (whose cache the command evicts after commit). Idempotent: upserts and deletes.
 */
@Component
@InlineProjection
class MenuProjection implements Projection {

    /** Parameters: the pizza's columns. */
    private static final String SQL_UPSERT = """
            insert into menu_pizzas (pizza_id, name, description, category, base_price, preparation_time_minutes,
                                     seasonal, available, updated_at)
            values (:id, :name, :description, :category, :basePrice, :minutes, :seasonal, :available, :at)
            on conflict (pizza_id) do update set name = excluded.name, description = excluded.description,
                category = excluded.category, base_price = excluded.base_price,
                preparation_time_minutes = excluded.preparation_time_minutes, seasonal = excluded.seasonal,
                available = excluded.available, updated_at = excluded.updated_at
            """;

    /** Parameters: pizza id. */
    private static final String SQL_DELETE = """
            delete from menu_pizzas where pizza_id = :id
            """;

    private final JdbcClient jdbc;

    MenuProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(StoredEvent stored) {
        if (stored.event() instanceof PizzaAdded added) {
            upsert(added.pizzaId(), added.details(), added.at());
        } else if (stored.event() instanceof PizzaChanged changed) {
            upsert(changed.pizzaId(), changed.details(), changed.at());
        } else if (stored.event() instanceof PizzaRemoved removed) {
            jdbc.sql(SQL_DELETE).param("id", removed.pizzaId()).update();
        }
    }

    private void upsert(String id, PizzaDetails details, Instant at) {
        jdbc.sql(SQL_UPSERT)
                .param("id", id)
                .param("name", details.name())
                .param("description", details.description())
                .param("category", details.category())
                .param("basePrice", details.basePrice())
                .param("minutes", details.preparationTimeMinutes())
                .param("seasonal", details.seasonal())
                .param("available", details.available())
                .param("at", Timestamp.from(at))
                .update();
    }
}
