package dev.myelin.examples.pizzeria.orders.kitchen;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.behaviors.retry.Retry;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.read.GetOrderStatus;
import dev.myelin.examples.pizzeria.shared.CacheTags;
import jakarta.validation.constraints.NotBlank;

/**
 * Marks every remaining pizza of a cooking order, and the order, ready (chefs and managers).
 *
 * @param orderId the order
 * @since 0.1
 */
@RequiresRole({"chef", "manager"})
@Retry
@Evicts(tags = {GetOrderStatus.CACHE_TAG, CacheTags.KITCHEN_QUEUE})
public record MarkOrderReady(@NotBlank String orderId) implements Command<OperationResult<OrderChangeDto>> {
}
