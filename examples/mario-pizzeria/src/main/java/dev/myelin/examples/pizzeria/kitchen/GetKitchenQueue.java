package dev.myelin.examples.pizzeria.kitchen;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.behaviors.caching.Cached;
import dev.myelin.behaviors.timeout.Timeout;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.examples.pizzeria.shared.CacheTags;
import jakarta.validation.constraints.Pattern;

/**
 * Reads the kitchen queue, oldest order first (chefs and managers): orders pending, confirmed or
 * cooking. Cached for the seed's 2 minutes ({@code pizzeria.cache.kitchen-queue}); every command that
 * moves an order in or out of the kitchen or changes its ticket evicts it once it commits, so the kitchen
 * still sees each order the moment it is placed.
 *
 * @param status only orders in this status ({@code pending}, {@code confirmed} or {@code cooking}),
 *     or {@code null} for all three
 * @since 0.1
 */
@RequiresRole({"chef", "manager"})
@Cached(ttl = "PT2M", tags = CacheTags.KITCHEN_QUEUE)
@Timeout("PT2S")
public record GetKitchenQueue(
        @Pattern(regexp = "pending|confirmed|cooking", message = "must be one of pending, confirmed, cooking") String status)
        implements Query<OperationResult<KitchenQueueDto>> {
}
