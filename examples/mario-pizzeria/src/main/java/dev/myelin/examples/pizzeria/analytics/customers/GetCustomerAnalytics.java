package dev.myelin.examples.pizzeria.analytics.customers;

import dev.myelin.behaviors.authorization.RequiresRole;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.examples.pizzeria.shared.TimePeriod;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Reads new and returning customers and the value of their orders over a period ({@code GET
 * /api/analytics/customers}). Managers only: it shows revenue. Built asynchronously, so the latest
 * orders show up shortly after they are placed.
 *
 * @param timePeriod {@code today} (in the pizzeria's time zone), {@code last_7_days}, {@code last_30_days}
 *     or {@code all_time}
 * @since 0.1
 */
@RequiresRole("manager")
public record GetCustomerAnalytics(
        @NotNull @Pattern(regexp = TimePeriod.PATTERN, message = TimePeriod.MESSAGE) String timePeriod)
        implements Query<OperationResult<CustomerAnalyticsDto>> {
}
