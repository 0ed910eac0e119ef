package dev.myelin.examples.pizzeria.orders.delivery;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.behaviors.retry.Retry;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.read.GetOrderStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Gives a ready order to a driver: drivers take one for themselves, managers assign and reassign. An
 * order that already has a driver is a 409 unless a manager reassigns it.
 *
 * @param orderId the order
 * @param driverId the driver
 * @since 0.1
 */
@RequiresRole({"driver", "manager"})
@Retry
@Evicts(tags = GetOrderStatus.CACHE_TAG)
public record AssignDelivery(@NotBlank String orderId, @NotBlank @Size(max = 64) String driverId)
        implements Command<OperationResult<OrderChangeDto>> {
}
