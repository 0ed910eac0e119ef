package dev.myelin.examples.pizzeria.orders;

import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.behaviors.retry.Retry;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Pays what an order still owes (a cash order paid by card, or cash handed over at the counter):
 * declined → 400, already paid or cancelled → 409.
 *
 * @param orderId the order
 * @param paymentMethod how it is paid; {@code declined-card} is always declined by the fake gateway
 * @since 0.1
 */
@Retry
@Evicts(tags = GetOrderStatus.CACHE_TAG)
public record ProcessPayment(@NotBlank String orderId, @NotBlank @Size(max = 40) String paymentMethod)
        implements Command<OperationResult<OrderChangeDto>> {
}
