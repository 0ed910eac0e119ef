package dev.myelin.examples.pizzeria.orders;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Serializes the payment steps of one order (capture, cancellation) with a row lock on its summary,
 * held until the calling transaction ends: a capture and a cancellation of the same order never
 * interleave, so either the capture comes first (the cancellation refunds it) or the cancellation does
 * (the capture sees it and takes nothing; the authorization is voided). Thread-safe.
 */
@Component
public class OrderLocks {

    /** Parameters: order id. */
    private static final String SQL_LOCK = """
            select order_id from order_summaries where order_id = :id for update
            """;

    private final JdbcClient jdbc;

    OrderLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the order until the current transaction ends; does nothing for an unknown order. */
    public void lock(String orderId) {
        jdbc.sql(SQL_LOCK).param("id", orderId).query(String.class).optional();
    }
}
