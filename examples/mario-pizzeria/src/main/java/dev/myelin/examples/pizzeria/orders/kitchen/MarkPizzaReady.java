package dev.myelin.examples.pizzeria.orders.kitchen;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.behaviors.retry.Retry;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.read.GetOrderStatus;
import dev.myelin.examples.pizzeria.shared.CacheTags;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Marks one pizza of a cooking order ready (chefs and managers); the last one makes the order ready.
 *
 * @param orderId the order
 * @param pizzaIndex the pizza's position in the order, from 0
 * @since 0.1
 */
@RequiresRole({"chef", "manager"})
@Retry
@Evicts(tags = {GetOrderStatus.CACHE_TAG, CacheTags.KITCHEN_QUEUE})
public record MarkPizzaReady(@NotBlank String orderId, @Min(0) int pizzaIndex)
        implements Command<OperationResult<OrderChangeDto>> {
}
