package dev.myelin.examples.pizzeria.security;

import dev.myelin.core.BehaviorOrder;
import dev.myelin.core.Next;
import dev.myelin.core.OperationResult;
import dev.myelin.core.PipelineBehavior;
import dev.myelin.core.Principal;
import dev.myelin.core.Request;
import dev.myelin.core.RequestContext;
import dev.myelin.examples.pizzeria.orders.OrderOwners;
import dev.myelin.examples.pizzeria.orders.OrderScoped;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Lets only an order's owner, and the staff the request names, act on one order: every
 * {@link OrderScoped} request (see it and its timeline, pay, cancel, mark viewed), whoever sends it.
 *
 * <ol>
 *   <li>Staff with one of the request's {@link OrderScoped#staffRoles() staff roles}: allowed; other
 *       staff: 403.</li>
 *   <li>Whoever sends the order's token ({@code X-Order-Token}, handed out in the 201 of the order):
 *       allowed. A guest has nothing else.</li>
 *   <li>A signed-in customer the order is filed under: allowed.</li>
 *   <li>An anonymous caller without a token: 401.</li>
 *   <li>Anyone else (another customer, a wrong token), and an unknown order: 404 naming the id, the
 *       same answer in every case, so an order's existence is never confirmed.</li>
 * </ol>
 *
 * <p>Runs right after the authorization behavior, before validation. Stateless and thread-safe.
 */
@Component
class OrderAccessBehavior implements PipelineBehavior<Request<?>, OperationResult<?>> {

    /** Between {@link BehaviorOrder#AUTHORIZATION} and {@link BehaviorOrder#VALIDATION}. */
    static final int ORDER = BehaviorOrder.AUTHORIZATION + 40;

    private final OrderOwners owners;

    OrderAccessBehavior(OrderOwners owners) {
        this.owners = owners;
    }

    @Override
    public OperationResult<?> handle(Request<?> request, Next<Request<?>, OperationResult<?>> next) {
        OrderScoped scoped = (OrderScoped) request;
        Principal caller = RequestContext.current().principal().orElse(null);
        String name = request.getClass().getSimpleName();
        if (caller != null && Roles.isStaff(caller)) {
            return Roles.hasAny(caller, scoped.staffRoles()) ? next.invoke(request)
                    : OperationResult.forbidden(name + " is for the order's customer and "
                            + String.join(", ", scoped.staffRoles()) + " among staff");
        }
        if (caller == null && scoped.orderToken() == null) {
            return OperationResult.unauthorized(name + " requires the order's token (X-Order-Token) or a sign-in");
        }
        Optional<OrderOwners.Owner> owner = scoped.orderId() == null ? Optional.empty() : owners.find(scoped.orderId());
        boolean allowed = owner.isPresent() && (owner.get().opensWith(scoped.orderToken())
                || caller != null && caller.name().equals(owner.get().customerId()));
        return allowed ? next.invoke(request) : OperationResult.notFound("Order", String.valueOf(scoped.orderId()));
    }

    @Override
    public boolean appliesTo(Class<?> requestType) {
        return OrderScoped.class.isAssignableFrom(requestType);
    }

    @Override
    public int order() {
        return ORDER;
    }
}
