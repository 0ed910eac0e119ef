package dev.myelin.examples.pizzeria.orders;

import java.util.Set;

/**
 * A request about one order that only its owner and some staff may send. The pizzeria's order-access
 * behavior applies to every request that implements it: the order's customer (signed in), or whoever
 * holds the order's token (a guest), or staff with one of {@link #staffRoles()}; other staff get 403,
 * anonymous callers without a token 401, and everyone else 404, the answer for an unknown order, so
 * ids are never confirmed.
 *
 * @since 0.1
 */
public interface OrderScoped {

    /**
     * Returns the order.
     *
     * @return its id
     */
    String orderId();

    /**
     * Returns the order token the caller sent ({@code X-Order-Token}), handed out when the order was placed.
     *
     * @return the token, or {@code null}
     */
    String orderToken();

    /**
     * Returns the staff roles that may send this request about any order.
     *
     * @return role names, such as {@code manager}
     */
    Set<String> staffRoles();
}
