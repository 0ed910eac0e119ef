package dev.myelin.examples.pizzeria.delivery;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.examples.pizzeria.shared.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Lists deliveries (drivers and managers; a driver sees every ready order and only its own others):
 * ready orders waiting for a driver, orders on the road, or delivered ones, oldest ready first.
 *
 * @param status {@code ready}, {@code out_for_delivery} or {@code delivered}
 * @param driverId only this driver's, or {@code null}
 * @param page the page, from 1
 * @param pageSize deliveries per page, 1 to 100
 * @since 0.1
 */
@RequiresRole({"driver", "manager"})
public record GetDeliveries(
        @NotNull @Pattern(regexp = "ready|out_for_delivery|delivered",
                message = "must be one of ready, out_for_delivery, delivered") String status,
        @Size(max = 64) String driverId, @Min(1) int page, @Min(1) @Max(Page.MAX_PAGE_SIZE) int pageSize)
        implements Query<OperationResult<Page<DeliveryDto>>> {
}
