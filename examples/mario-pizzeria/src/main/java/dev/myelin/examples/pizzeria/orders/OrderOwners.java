package dev.myelin.examples.pizzeria.orders;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who owns an order, for the access checks of {@link OrderScoped} requests: read from
 * {@code order_summaries}, which the order's own transaction writes (inline projection), so an order
 * is known here as soon as it is committed. Thread-safe.
 *
 * @since 0.1
 */
@Component
public class OrderOwners {

    /** Parameters: order id. */
    private static final String SQL_OWNER = """
            select customer_id, token_hash from order_summaries where order_id = :id
            """;

    private final JdbcClient jdbc;

    OrderOwners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Finds an order's owner.
     *
     * @param orderId the order
     * @return its owner, or empty for an unknown order
     */
    public Optional<Owner> find(String orderId) {
        return jdbc.sql(SQL_OWNER).param("id", orderId)
                .query((row, n) -> new Owner(row.getString(1), row.getString(2))).optional();
    }

    /**
     * An order's owner.
     *
     * @param customerId the customer it is filed under
     * @param tokenHash the SHA-256 of its token, or {@code null} for an order placed before tokens existed
     * @since 0.1
     */
    public record Owner(String customerId, String tokenHash) {

        /**
         * Tells whether a token opens this order (compared in constant time).
         *
         * @param token the token a caller sent, or {@code null}
         * @return whether it is the order's token
         */
        public boolean opensWith(String token) {
            return OrderTokens.matches(token, tokenHash);
        }
    }
}
