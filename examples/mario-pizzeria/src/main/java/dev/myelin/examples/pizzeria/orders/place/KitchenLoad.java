package dev.myelin.examples.pizzeria.orders.place;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How busy the kitchen is: pizzas of the orders not yet ready (pending, confirmed, cooking) and their
 * preparation minutes, read from {@code kitchen_load}, the read model that {@code KitchenQueueProjection}
 * keeps inline (so current in the placing command's transaction). One statement over its 16 rows,
 * whatever the number of orders. Two orders placed at the same instant may both pass the capacity
 * check: the limit is a soft one. Thread-safe.
 */
@Component
class KitchenLoad {

    /** The load is the sum of the stripes. */
    private static final String SQL_LOAD = """
            select coalesce(sum(pizzas), 0), coalesce(sum(prep_minutes), 0) from kitchen_load
            """;

    private final JdbcClient jdbc;

    KitchenLoad(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Load now() {
        return jdbc.sql(SQL_LOAD).query((row, n) -> new Load(row.getInt(1), row.getInt(2))).single();
    }

    /**
     * Pizzas waiting or cooking and their preparation minutes.
     *
     * @param pizzas the pizzas
     * @param prepMinutes their preparation minutes, summed
     */
    record Load(int pizzas, int prepMinutes) {
    }
}
