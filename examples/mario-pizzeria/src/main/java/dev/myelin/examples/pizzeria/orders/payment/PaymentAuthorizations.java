package dev.myelin.examples.pizzeria.orders.payment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The card authorizations table ({@code payment_authorizations}). {@link #begin}, {@link #authorized}
 * and {@link #finish} are called outside any transaction (each row change commits at once), so a crash
 * leaves a trace the {@link AuthorizationSweeper} finds; {@link #attach} is called in the order's own
 * transaction, so an authorization is attached exactly when its order (or payment) committed.
 * Thread-safe.
 */
@Component
public class PaymentAuthorizations {

    static final String AUTHORIZING = "authorizing";
    static final String AUTHORIZED = "authorized";
    static final String ATTACHED = "attached";
    static final String DECLINED = "declined";
    static final String VOIDED = "voided";

    private static final String SQL_BEGIN = """
            insert into payment_authorizations (idempotency_key, order_id, amount, status, created_at, updated_at)
            values (:key, :orderId, :amount, 'authorizing', :at, :at)
            """;

    private static final String SQL_AUTHORIZED = """
            update payment_authorizations set authorization_id = :authorizationId, status = 'authorized', updated_at = :at
            where idempotency_key = :key and status = 'authorizing'
            """;

    private static final String SQL_ATTACH = """
            update payment_authorizations set status = 'attached', updated_at = :at
            where idempotency_key = :key and status = 'authorized'
            """;

    private static final String SQL_FINISH = """
            update payment_authorizations set status = :status, updated_at = :at
            where idempotency_key = :key and status in ('authorizing', 'authorized')
            """;

    private static final String SQL_STATUS = """
            select status from payment_authorizations where idempotency_key = :key
            """;

    private static final String SQL_OPEN = """
            select idempotency_key, order_id, amount, authorization_id, status from payment_authorizations
            where status in ('authorizing', 'authorized') and created_at < :before order by created_at limit 100
            """;

    private final JdbcClient jdbc;

    PaymentAuthorizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void begin(String key, String orderId, BigDecimal amount, Instant at) {
        jdbc.sql(SQL_BEGIN).param("key", key).param("orderId", orderId).param("amount", amount)
                .param("at", Timestamp.from(at)).update();
    }

    void authorized(String key, String authorizationId, Instant at) {
        jdbc.sql(SQL_AUTHORIZED).param("key", key).param("authorizationId", authorizationId).param("at", Timestamp.from(at))
                .update();
    }

    /**
     * Marks the authorization taken by its order; in the order's transaction.
     *
     * @param key the authorization's idempotency key
     * @param at when
     * @return false if it was not open
     */
    public boolean attach(String key, Instant at) {
        return jdbc.sql(SQL_ATTACH).param("key", key).param("at", Timestamp.from(at)).update() == 1;
    }

    /** Ends an open authorization: declined or voided. */
    boolean finish(String key, String status, Instant at) {
        return jdbc.sql(SQL_FINISH).param("key", key).param("status", status).param("at", Timestamp.from(at))
                .update() == 1;
    }

    Optional<String> status(String key) {
        return jdbc.sql(SQL_STATUS).param("key", key).query(String.class).optional();
    }

    /** Authorizations still open (never attached, declined or voided) that began before an instant. */
    List<Open> openBefore(Instant before) {
        return jdbc.sql(SQL_OPEN).param("before", Timestamp.from(before))
                .query((row, n) -> new Open(row.getString(1), row.getString(2), row.getBigDecimal(3), row.getString(4),
                        row.getString(5)))
                .list();
    }

    /**
     * An open authorization.
     *
     * @param key its idempotency key
     * @param orderId the order it was for
     * @param amount the amount
     * @param authorizationId the provider's id, or {@code null} while {@code authorizing}
     * @param status {@code authorizing} or {@code authorized}
     */
    record Open(String key, String orderId, BigDecimal amount, String authorizationId, String status) {
    }
}
