package dev.myelin.examples.pizzeria.orders.lifecycle;

import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.behaviors.logging.Sensitive;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.OrderScoped;
import dev.myelin.examples.pizzeria.orders.read.GetOrderStatus;
import dev.myelin.examples.pizzeria.shared.CacheTags;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * Cancels an order that is still pending or confirmed; once cooking started it is a 409. What was
 * charged is refunded.
 *
 * @param orderId the order
 * @param reason why, or {@code null}
 * @param orderToken the order's token, for a guest; {@code null} otherwise
 * @since 0.1
 */
@Evicts(tags = {GetOrderStatus.CACHE_TAG, CacheTags.KITCHEN_QUEUE})
public record CancelOrder(@NotBlank String orderId, @Size(max = 300) String reason, @Sensitive String orderToken)
        implements Command<OperationResult<OrderChangeDto>>, OrderScoped {

    /** Managers cancel any order (a phone call); the customer its own. */
    @Override
    public Set<String> staffRoles() {
        return Set.of("manager");
    }
}
