package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.behaviors.caching.Cached;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import jakarta.validation.constraints.NotBlank;

/**
 * Reads an order's status ({@code GET /api/orders/{id}/status}, public: ids are unguessable). Cached
 * for a minute; every order command evicts the cached statuses once it commits.
 *
 * @param orderId the order
 * @since 0.1
 */
@Cached(ttl = "PT1M", tags = GetOrderStatus.CACHE_TAG)
public record GetOrderStatus(@NotBlank String orderId) implements Query<OperationResult<OrderStatusDto>> {

    /** The cache tag that order commands evict. */
    public static final String CACHE_TAG = "order-status";
}
