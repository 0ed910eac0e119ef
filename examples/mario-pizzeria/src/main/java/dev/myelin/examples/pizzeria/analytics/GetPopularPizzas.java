package dev.myelin.examples.pizzeria.analytics;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.behaviors.caching.Cached;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.examples.pizzeria.shared.CacheTags;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Reads the most ordered pizzas of a period, with their revenue ({@code GET /api/analytics/popular-pizzas}):
 * managers only. Cancelled
 * orders do not count. Built asynchronously, so the latest orders show up shortly after they are placed.
 * Cached for the seed's default of 5 minutes ({@code pizzeria.cache.popular-pizzas}), evicted each time
 * its projection applied an order or a cancellation.
 *
 * @param timePeriod {@code today} (in the pizzeria's time zone), {@code last_7_days},
 *     {@code last_30_days} or {@code all_time}
 * @param limit how many pizzas, 1 to 50
 * @since 0.1
 */
@RequiresRole("manager")
@Cached(ttl = "PT5M", tags = CacheTags.POPULAR_PIZZAS)
public record GetPopularPizzas(
        @NotNull @Pattern(regexp = "today|last_7_days|last_30_days|all_time",
                message = "must be one of today, last_7_days, last_30_days, all_time") String timePeriod,
        @Min(1) @Max(50) int limit) implements Query<OperationResult<PopularPizzasDto>> {
}
