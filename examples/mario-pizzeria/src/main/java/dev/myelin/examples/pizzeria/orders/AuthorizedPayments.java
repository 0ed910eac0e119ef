package dev.myelin.examples.pizzeria.orders;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Hands the card authorization that {@link CardAuthorizationBehavior} obtained, before the transaction,
 * to the handler running inside it on the same thread. Thread-confined.
 */
final class AuthorizedPayments {

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

    /** The authorization of the command being handled, if it is paid by card. */
    static Optional<Authorized> current() {
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
    record Authorized(String key, String orderId, String authorizationId, BigDecimal amount) {
    }
}
