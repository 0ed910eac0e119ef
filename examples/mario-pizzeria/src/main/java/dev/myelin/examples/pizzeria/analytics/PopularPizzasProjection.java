package dev.myelin.examples.pizzeria.analytics;

import dev.myelin.behaviors.caching.CacheInvalidation;
import dev.myelin.behaviors.caching.CachingBehavior;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.data.projection.Projection;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.shared.CacheTags;
import dev.myelin.examples.pizzeria.shared.StatementBatch;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.stereotype.Component;

/**
 * Records each ordered pizza with its revenue and time, and forgets the pizzas of cancelled orders.
 * Asynchronous (projection daemon, checkpointed with the writes): analytics may trail the orders by
 * a moment and must never slow them down. Idempotent besides: inserts skip existing lines. Evicts the
 * cached popular pizzas after the commit of each change it applies (evicting at the command's commit
 * would let the old figures be cached again before this projection ran). A batch of events is written
 * with one JDBC batch per statement ({@link #applyAll}), with the result of applying its events one by one.
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

    private final NamedParameterJdbcOperations jdbc;
    private final ObjectProvider<CachingBehavior> caching;

    PopularPizzasProjection(NamedParameterJdbcOperations jdbc, ObjectProvider<CachingBehavior> caching) {
        this.jdbc = jdbc;
        this.caching = caching;
    }

    @Override
    public void apply(StoredEvent stored) {
        applyAll(List.of(stored));
    }

    /** Writes the batch with one JDBC batch per statement (lines, cancellations); evicts once if it changed any. */
    @Override
    public void applyAll(List<StoredEvent> events) {
        StatementBatch batch = new StatementBatch(jdbc, SQL_INSERT, SQL_DELETE);
        boolean changed = false;
        for (StoredEvent stored : events) {
            if (stored.event() instanceof OrderPlaced placed) {
                for (int i = 0; i < placed.items().size(); i++) {
                    OrderPlaced.Line line = placed.items().get(i);
                    batch.add(SQL_INSERT, new MapSqlParameterSource("id", placed.orderId()).addValue("line", i)
                            .addValue("pizzaId", line.pizzaId()).addValue("name", line.pizzaName())
                            .addValue("revenue", line.price())
                            .addValue("at", OffsetDateTime.ofInstant(placed.at(), ZoneOffset.UTC)),
                            "analytics_order_items:" + placed.orderId());
                }
                changed = true;
            } else if (stored.event() instanceof OrderCancelled cancelled) {
                batch.add(SQL_DELETE, new MapSqlParameterSource("id", cancelled.orderId()),
                        "analytics_order_items:" + cancelled.orderId());
                changed = true;
            }
        }
        batch.flush();
        if (changed) {
            caching.ifAvailable(cache -> cache.evictAfterCommit(POPULAR_PIZZAS_ARE_STALE));
        }
    }
}
