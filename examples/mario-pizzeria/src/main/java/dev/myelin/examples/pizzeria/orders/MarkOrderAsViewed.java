package dev.myelin.examples.pizzeria.orders;

import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.behaviors.retry.Retry;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import jakarta.validation.constraints.NotBlank;

/**
 * Records that the customer looked at an order: a command, since a query never changes state.
 *
 * @param orderId the order
 * @since 0.1
 */
@Retry
@Evicts(tags = GetOrderStatus.CACHE_TAG)
public record MarkOrderAsViewed(@NotBlank String orderId) implements Command<OperationResult<OrderChangeDto>> {
}
