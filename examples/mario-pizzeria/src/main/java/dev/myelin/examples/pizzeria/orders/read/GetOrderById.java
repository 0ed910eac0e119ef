package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.behaviors.logging.Sensitive;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.examples.pizzeria.orders.OrderScoped;
import dev.myelin.examples.pizzeria.orders.lifecycle.MarkOrderAsViewed;
import jakarta.validation.constraints.NotBlank;
import java.util.Set;

/**
 * Reads everything about one order: customer, items, payment, kitchen, delivery, timeline and total
 * breakdown ({@code GET /api/orders/{id}}). Reading never marks it viewed: that is
 * {@link MarkOrderAsViewed}, a command.
 *
 * @param orderId the order
 * @param orderToken the order's token, for a guest; {@code null} otherwise
 * @since 0.1
 */
public record GetOrderById(@NotBlank String orderId, @Sensitive String orderToken)
        implements Query<OperationResult<OrderDetailDto>>, OrderScoped {

    /** Kitchen staff and managers read any order; drivers see deliveries instead. */
    @Override
    public Set<String> staffRoles() {
        return Set.of("chef", "manager");
    }
}
