package dev.myelin.examples.pizzeria.orders.delivery;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.behaviors.retry.Retry;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.read.GetOrderStatus;
import jakarta.validation.constraints.NotBlank;

/**
 * The driver leaves with a ready order: its assigned driver, or, when none was assigned, the caller,
 * who becomes its driver (the seed's flow). A manager may take out an order for its driver.
 *
 * @param orderId the order
 * @since 0.1
 */
@RequiresRole({"driver", "manager"})
@Retry
@Evicts(tags = GetOrderStatus.CACHE_TAG)
public record TakeOutForDelivery(@NotBlank String orderId) implements Command<OperationResult<OrderChangeDto>> {
}
