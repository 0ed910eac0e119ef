package dev.myelin.examples.pizzeria.security;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Principal;
import dev.myelin.core.Request;
import dev.myelin.core.RequestContext;
import dev.myelin.examples.pizzeria.orders.place.PlaceOrder;
import dev.myelin.examples.pizzeria.shared.CustomerScoped;
import org.springframework.stereotype.Component;

/**
 * Keeps customers to their own data, whoever sends the message (a controller or any other caller of
 * the mediator). A customer is any signed-in caller without a staff role; a customer's id is its user
 * name (the JWT's principal claim in {@code jwt} mode).
 *
 * <ul>
 *   <li>Every {@link CustomerScoped} query: anonymous callers get 401; a customer's query without a
 *       customer is narrowed to the customer, one naming another customer gets 403; staff with one of
 *       the query's {@link CustomerScoped#staffRoles() staff roles} read anyone's, other staff get 403.</li>
 *   <li>{@link PlaceOrder}: a customer may name only itself as {@code customer_id}, a guest nobody
 *       (its orders get a guest id from the phone); staff may order for anyone. Otherwise 403.</li>
 * </ul>
 *
 * <p>Runs right after the authorization behavior and before validation, so a narrowed query is then
 * validated. Stateless and thread-safe; reads the caller from {@link RequestContext#current()}.
 */
@Component
class CustomerScopeBehavior implements PipelineBehavior<Request<?>, OperationResult<?>> {

    /** Between {@link BehaviorOrder#AUTHORIZATION} and {@link BehaviorOrder#VALIDATION}. */
    static final int ORDER = BehaviorOrder.AUTHORIZATION + 50;

    @Override
    public OperationResult<?> handle(Request<?> request, Next<Request<?>, OperationResult<?>> next) {
        Principal caller = RequestContext.current().principal().orElse(null);
        if (request instanceof PlaceOrder order) {
            return placeOrder(order, caller, next);
        }
        CustomerScoped scoped = (CustomerScoped) request;
        String name = request.getClass().getSimpleName();
        if (caller == null) {
            return OperationResult.unauthorized(name + " requires an authenticated caller");
        }
        if (Roles.isStaff(caller)) {
            return Roles.hasAny(caller, scoped.staffRoles()) ? next.invoke(request)
                    : OperationResult.forbidden(name + " is for " + String.join(", ", scoped.staffRoles())
                            + " among staff");
        }
        String asked = scoped.customerId();
        if (asked != null && !asked.isBlank() && !asked.equals(caller.name())) {
            return OperationResult.forbidden("customer_id: customers may only read their own orders");
        }
        return next.invoke(scoped.forCustomer(caller.name()));
    }

    private static OperationResult<?> placeOrder(PlaceOrder order, Principal caller,
            Next<Request<?>, OperationResult<?>> next) {
        String asked = order.customerId();
        if (asked == null || asked.isBlank() || caller != null && Roles.isStaff(caller)) {
            return next.invoke(order);
        }
        if (caller == null) {
            return OperationResult.forbidden("customer_id: a guest cannot order for a customer account; "
                    + "leave customer_id out or sign in");
        }
        if (!asked.strip().equals(caller.name())) {
            return OperationResult.forbidden("customer_id: customers may only order for themselves");
        }
        return next.invoke(order);
    }

    @Override
    public boolean appliesTo(Class<?> requestType) {
        return requestType == PlaceOrder.class || CustomerScoped.class.isAssignableFrom(requestType);
    }

    @Override
    public int order() {
        return ORDER;
    }
}
