package dev.myelin.examples.pizzeria.orders.kitchen;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.behaviors.caching.Evicts;
import dev.myelin.behaviors.retry.Retry;
import dev.myelin.core.Command;
import dev.myelin.core.OperationResult;
import dev.myelin.examples.pizzeria.orders.OrderChangeDto;
import dev.myelin.examples.pizzeria.orders.read.GetOrderStatus;
import dev.myelin.examples.pizzeria.shared.CacheTags;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Starts cooking a pending or confirmed order (chefs and managers): {@code PUT /api/orders/{id}/cook}.
 *
 * @param orderId the order
 * @param kitchenStaffId who cooks it
 * @param estimatedCookingTimeMinutes how long the cook expects it to take
 * @since 0.1
 */
@RequiresRole({"chef", "manager"})
@Retry
@Evicts(tags = {GetOrderStatus.CACHE_TAG, CacheTags.KITCHEN_QUEUE})
public record StartCooking(@NotBlank String orderId, @NotBlank @Size(max = 64) String kitchenStaffId,
        @Min(1) @Max(180) int estimatedCookingTimeMinutes) implements Command<OperationResult<OrderChangeDto>> {
}
