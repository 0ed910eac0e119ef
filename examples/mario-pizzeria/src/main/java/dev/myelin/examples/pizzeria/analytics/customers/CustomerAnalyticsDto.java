package dev.myelin.examples.pizzeria.analytics.customers;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Customers and order value over a period.
 *
 * @param timePeriod the period asked for
 * @param since its start, or {@code null} for all time
 * @param newCustomers customers whose first order was placed in the period
 * @param returningCustomers customers who placed an order in the period after an earlier one (a customer
 *     whose first and second orders both fall in the period counts here and as new)
 * @param ordersFromNewCustomers orders placed in the period that were their customer's first
 * @param ordersFromReturningCustomers the other orders placed in the period (the seed's {@code returning})
 * @param cancelledOrders orders of the period cancelled since; they count for the customers, not for the value
 * @param totalValue what the orders not cancelled cost, taxes and delivery included
 * @param averageValue their average, with two decimals, or {@code null} without orders
 * @since 0.1
 */
public record CustomerAnalyticsDto(String timePeriod, Instant since, int newCustomers, int returningCustomers,
        int ordersFromNewCustomers, int ordersFromReturningCustomers, int cancelledOrders, BigDecimal totalValue,
        BigDecimal averageValue) {
}
