package dev.myelin.examples.pizzeria.notifications;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.examples.pizzeria.shared.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Lists the kitchen's notices, newest first (chefs and managers).
 *
 * @param page the page, from 1
 * @param pageSize notices per page, 1 to 100
 * @since 0.1
 */
@RequiresRole({"chef", "manager"})
public record GetKitchenNotifications(@Min(1) int page, @Min(1) @Max(Page.MAX_PAGE_SIZE) int pageSize)
        implements Query<OperationResult<Page<NotificationDto>>> {
}
