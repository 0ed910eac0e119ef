package dev.myelin.examples.pizzeria.orders.payment;

import dev.myelin.examples.pizzeria.orders.place.PlaceOrder;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Hands the card authorization that {@link CardAuthorizationBehavior} obtained, before the transaction,
 * to the handler running inside it on the same thread. Thread-confined.
 */
public final class AuthorizedPayments {

    private static final ThreadLocal<Authorized> CURRENT = new ThreadLocal<>();

    private AuthorizedPayments() {
    }

    /** Binds an authorization until the returned scope is closed. */
    static Scope bind(Authorized authorized) {
        Authorized previous = CURRENT.get();
        CURRENT.set(authorized);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /**
     * Returns the authorization of the command being handled.
     *
     * @return it, or empty if the command is not paid by card
     */
    public static Optional<Authorized> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Unbinds an authorization. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * A card authorization obtained for a command.
     *
     * @param key its idempotency key (the row of {@link PaymentAuthorizations})
     * @param orderId the order it is for (a new order's id, for {@link PlaceOrder})
     * @param authorizationId the provider's id
     * @param amount the amount held
     */
    public record Authorized(String key, String orderId, String authorizationId, BigDecimal amount) {
    }
}
