package dev.myelin.examples.pizzeria.orders.lifecycle;

import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.behaviors.logging.Sensitive;
import dev.myelin.behaviors.retry.Retry;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.OrderScoped;
import dev.myelin.examples.pizzeria.orders.read.GetOrderStatus;
import jakarta.validation.constraints.NotBlank;
import java.util.Set;

/**
 * Records that the customer looked at an order: a command, since a query never changes state.
 *
 * @param orderId the order
 * @param orderToken the order's token, for a guest; {@code null} otherwise
 * @since 0.1
 */
@Retry
@Evicts(tags = GetOrderStatus.CACHE_TAG)
public record MarkOrderAsViewed(@NotBlank String orderId, @Sensitive String orderToken)
        implements Command<OperationResult<OrderChangeDto>>, OrderScoped {

    @Override
    public Set<String> staffRoles() {
        return Set.of("manager");
    }
}
