package dev.myelin.examples.pizzeria.analytics;

import dev.myelin.behaviors.caching.CacheInvalidation;
import dev.myelin.behaviors.caching.CachingBehavior;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.shared.CacheTags;
import java.sql.Timestamp;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records each ordered pizza with its revenue and time, and forgets the pizzas of cancelled orders.
 * Asynchronous (projection daemon, checkpointed with the writes): analytics may trail the orders by
 * a moment and must never slow them down. Idempotent besides: inserts skip existing lines. Evicts the
 * cached popular pizzas after the commit of each change it applies (evicting at the command's commit
 * would let the old figures be cached again before this projection ran).
 */
@Component
class PopularPizzasProjection implements Projection {

    /** Parameters: order id, line number, pizza id and name, revenue, time. */
    private static final String SQL_INSERT = """
            insert into analytics_order_items (order_id, line_no, pizza_id, pizza_name, revenue, ordered_at)
            values (:id, :line, :pizzaId, :name, :revenue, :at)
            on conflict (order_id, line_no) do nothing
            """;

    /** Parameters: order id. */
    private static final String SQL_DELETE = """
            delete from analytics_order_items where order_id = :id
            """;

    private static final CacheInvalidation POPULAR_PIZZAS_ARE_STALE =
            new CacheInvalidation(Set.of(), Set.of(CacheTags.POPULAR_PIZZAS));

    private final JdbcClient jdbc;
    private final ObjectProvider<CachingBehavior> caching;

    PopularPizzasProjection(JdbcClient jdbc, ObjectProvider<CachingBehavior> caching) {
        this.jdbc = jdbc;
        this.caching = caching;
    }

    @Override
    public void apply(StoredEvent stored) {
        if (stored.event() instanceof OrderPlaced placed) {
            for (int i = 0; i < placed.items().size(); i++) {
                OrderPlaced.Line line = placed.items().get(i);
                jdbc.sql(SQL_INSERT).param("id", placed.orderId()).param("line", i).param("pizzaId", line.pizzaId())
                        .param("name", line.pizzaName()).param("revenue", line.price()).param("at", Timestamp.from(placed.at()))
                        .update();
            }
            caching.ifAvailable(cache -> cache.evictAfterCommit(POPULAR_PIZZAS_ARE_STALE));
        } else if (stored.event() instanceof OrderCancelled cancelled) {
            jdbc.sql(SQL_DELETE).param("id", cancelled.orderId()).update();
            caching.ifAvailable(cache -> cache.evictAfterCommit(POPULAR_PIZZAS_ARE_STALE));
        }
    }
}
