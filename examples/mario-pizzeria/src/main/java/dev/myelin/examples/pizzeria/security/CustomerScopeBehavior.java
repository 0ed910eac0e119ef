package dev.myelin.examples.pizzeria.security;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Principal;
import dev.myelin.core.Request;
import dev.myelin.core.RequestContext;
import dev.myelin.examples.pizzeria.customers.GetOrderHistory;
import dev.myelin.examples.pizzeria.notifications.GetCustomerNotifications;
import dev.myelin.examples.pizzeria.orders.GetOrderById;
import dev.myelin.examples.pizzeria.orders.GetOrders;
import dev.myelin.examples.pizzeria.orders.OrderDetailDto;
import dev.myelin.examples.pizzeria.orders.PlaceOrder;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Keeps customers to their own orders, whoever sends the message (a controller or any other caller
 * of the mediator). A customer is any signed-in caller without a staff role; a customer's id is its
 * user name (the JWT's principal claim in {@code jwt} mode).
 *
 * <ul>
 *   <li>{@link GetOrders}, {@link GetOrderHistory}, {@link GetCustomerNotifications}: anonymous
 *       callers get 401; a customer's query without {@code customer_id} is narrowed to the customer,
 *       one naming another customer gets 403; staff read anyone's.</li>
 *   <li>{@link GetOrderById}: anonymous callers get 401; a customer gets 404 for another
 *       customer's order (the same answer as for an unknown id, so ids are not confirmed).</li>
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

    private static final Set<Class<?>> SCOPED = Set.of(GetOrders.class, GetOrderHistory.class,
            GetCustomerNotifications.class, GetOrderById.class, PlaceOrder.class);

    @Override
    public OperationResult<?> handle(Request<?> request, Next<Request<?>, OperationResult<?>> next) {
        Principal caller = RequestContext.current().principal().orElse(null);
        if (request instanceof PlaceOrder order) {
            return placeOrder(order, caller, next);
        }
        String name = request.getClass().getSimpleName();
        if (caller == null) {
            return OperationResult.unauthorized(name + " requires an authenticated caller");
        }
        if (Roles.isStaff(caller)) {
            return next.invoke(request);
        }
        if (request instanceof GetOrderById byId) {
            OperationResult<?> result = next.invoke(byId);
            if (result.isSuccess() && result.data() instanceof OrderDetailDto detail
                    && !caller.name().equals(detail.customer().customerId())) {
                return OperationResult.notFound("Order", byId.orderId());
            }
            return result;
        }
        String asked = customerId(request);
        if (asked != null && !asked.isBlank() && !asked.equals(caller.name())) {
            return OperationResult.forbidden("customer_id: customers may only read their own orders");
        }
        return next.invoke(narrow(request, caller.name()));
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

    private static String customerId(Request<?> request) {
        if (request instanceof GetOrders query) {
            return query.customerId();
        }
        if (request instanceof GetOrderHistory query) {
            return query.customerId();
        }
        return ((GetCustomerNotifications) request).customerId();
    }

    private static Request<?> narrow(Request<?> request, String customer) {
        if (request instanceof GetOrders query) {
            return new GetOrders(customer, query.status(), query.page(), query.pageSize());
        }
        if (request instanceof GetOrderHistory query) {
            return new GetOrderHistory(customer, query.page(), query.pageSize());
        }
        GetCustomerNotifications query = (GetCustomerNotifications) request;
        return new GetCustomerNotifications(customer, query.page(), query.pageSize());
    }

    @Override
    public boolean appliesTo(Class<?> requestType) {
        return SCOPED.contains(requestType);
    }

    @Override
    public int order() {
        return ORDER;
    }
}
