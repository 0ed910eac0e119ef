package dev.myelin.examples.pizzeria.customers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A customer's history: a page of their orders and figures over all of them.
 *
 * @param customerId the customer
 * @param customerName their name on their latest order, or {@code null} when they never ordered
 * @param orders this page of their orders, newest first (cancelled ones included)
 * @param totalOrders orders placed and not cancelled
 * @param totalSpent lifetime value: the totals of those orders
 * @param favoritePizzas their three most ordered pizzas
 * @param page the page
 * @param pageSize the page size
 * @since 0.1
 */
public record OrderHistoryDto(String customerId, String customerName, List<HistoryOrder> orders, int totalOrders,
        BigDecimal totalSpent, List<FavoritePizza> favoritePizzas, int page, int pageSize) {

    /**
     * One order in the history.
     *
     * @param orderId the order
     * @param orderDate when it was placed
     * @param status its status
     * @param itemsCount how many pizzas
     * @param totalAmount what it cost
     * @since 0.1
     */
    public record HistoryOrder(String orderId, Instant orderDate, String status, int itemsCount, BigDecimal totalAmount) {
    }

    /**
     * A pizza the customer orders often.
     *
     * @param pizzaId the pizza
     * @param pizzaName its name
     * @param timesOrdered how many of it they ordered
     * @since 0.1
     */
    public record FavoritePizza(String pizzaId, String pizzaName, int timesOrdered) {
    }
}
