package dev.myelin.examples.pizzeria.shared;

import dev.myelin.core.Request;
import java.util.Set;

/**
 * A query about one customer's data (orders, history, texts). The pizzeria's customer-scope behavior
 * applies to every request that implements it: a customer reads only its own (a query without a
 * customer is narrowed to the caller, one naming another customer is a 403), staff with one of
 * {@link #staffRoles()} read anyone's, other staff get 403, anonymous callers 401. A new customer-scoped
 * query cannot be forgotten by the behavior: implementing this interface is what scopes it.
 *
 * @since 0.1
 */
public interface CustomerScoped {

    /**
     * Returns the customer asked about.
     *
     * @return the customer's id, or {@code null} for "mine" (customers) or "anyone" (staff)
     */
    String customerId();

    /**
     * Returns this request narrowed to one customer.
     *
     * @param customerId the customer
     * @return a copy of this request for that customer
     */
    Request<?> forCustomer(String customerId);

    /**
     * Returns the staff roles that may read any customer's data with this request.
     *
     * @return role names, such as {@code manager}
     */
    Set<String> staffRoles();
}
