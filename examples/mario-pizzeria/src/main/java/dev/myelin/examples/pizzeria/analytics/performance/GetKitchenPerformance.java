package dev.myelin.examples.pizzeria.analytics.performance;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.examples.pizzeria.shared.TimePeriod;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Reads the kitchen's performance of a period per chef and per day ({@code GET
 * /api/analytics/kitchen-performance}): pizzas cooked, their average actual cooking time, on time and
 * late against the cook's estimate. Managers only. Built asynchronously, so the latest pizzas show up
 * shortly after they are ready.
 *
 * @param timePeriod {@code today} (in the pizzeria's time zone), {@code last_7_days}, {@code last_30_days}
 *     or {@code all_time}
 * @since 0.1
 */
@RequiresRole("manager")
public record GetKitchenPerformance(
        @NotNull @Pattern(regexp = TimePeriod.PATTERN, message = TimePeriod.MESSAGE) String timePeriod)
        implements Query<OperationResult<KitchenPerformanceDto>> {
}
