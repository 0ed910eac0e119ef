package dev.myelin.examples.pizzeria.orders;

import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Cancels an order that is still pending or confirmed; once cooking started it is a 409. What was
 * charged is refunded.
 *
 * @param orderId the order
 * @param reason why, or {@code null}
 * @since 0.1
 */
@Evicts(tags = GetOrderStatus.CACHE_TAG)
public record CancelOrder(@NotBlank String orderId, @Size(max = 300) String reason)
        implements Command<OperationResult<OrderChangeDto>> {
}
