package dev.myelin.examples.pizzeria.analytics.performance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The kitchen's performance over a period.
 *
 * @param timePeriod the period asked for
 * @param since its start, or {@code null} for all time
 * @param total every chef and day together
 * @param days per day (the day the pizzas came out of the oven, in the pizzeria's time zone) and chef,
 *     the latest day first
 * @since 0.1
 */
public record KitchenPerformanceDto(String timePeriod, Instant since, Figures total, List<ChefDay> days) {

    /**
     * One chef's figures on one day.
     *
     * @param day the day
     * @param kitchenStaffId the chef
     * @param figures the figures
     * @since 0.1
     */
    public record ChefDay(LocalDate day, String kitchenStaffId, Figures figures) {
    }

    /**
     * Pizzas cooked and how long they took.
     *
     * @param pizzas how many came out of the oven
     * @param averageCookingMinutes their average actual cooking time (from the start of cooking to the
     *     pizza being ready), in minutes with two decimals, or {@code null} without pizzas
     * @param onTime how many were ready within the cook's estimate
     * @param late how many took longer
     * @since 0.1
     */
    public record Figures(int pizzas, BigDecimal averageCookingMinutes, int onTime, int late) {
    }
}
