package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.examples.pizzeria.menu.PizzaSize;
import dev.myelin.examples.pizzeria.orders.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Everything about one order ({@code GET /api/orders/{id}}).
 *
 * @param orderId the order
 * @param status its status
 * @param customer who ordered
 * @param items the pizzas
 * @param payment how it is paid
 * @param kitchen who cooks it, once cooking started, else {@code null}
 * @param delivery who delivers it, once assigned, else {@code null}
 * @param timeline what happened, oldest first
 * @param totalBreakdown what it costs
 * @param placedAt when it was placed
 * @param estimatedReadyTime when it should be ready
 * @param viewedAt when the customer last looked at it, or {@code null}
 * @param cancellationReason why it was cancelled, or {@code null}
 * @since 0.1
 */
public record OrderDetailDto(String orderId, OrderStatus status, Customer customer, List<Item> items, Payment payment,
        Kitchen kitchen, Delivery delivery, List<TimelineEntry> timeline, TotalBreakdown totalBreakdown, Instant placedAt,
        Instant estimatedReadyTime, Instant viewedAt, String cancellationReason) {

    /**
     * The customer.
     *
     * @param customerId their id
     * @param name their name
     * @param phone their phone
     * @param address where to deliver
     * @since 0.1
     */
    public record Customer(String customerId, String name, String phone, String address) {
    }

    /**
     * A pizza of the order.
     *
     * @param index its position, from 0
     * @param pizzaId the pizza
     * @param pizzaName its name
     * @param size its size
     * @param toppings the extra toppings
     * @param specialInstructions the customer's instructions, or {@code null}
     * @param sizedPrice the base price times the size multiplier
     * @param toppingsPrice the toppings
     * @param price the line's price
     * @param ready whether it is out of the oven
     * @since 0.1
     */
    public record Item(int index, String pizzaId, String pizzaName, PizzaSize size, List<String> toppings,
            String specialInstructions, BigDecimal sizedPrice, BigDecimal toppingsPrice, BigDecimal price, boolean ready) {
    }

    /**
     * The payment.
     *
     * @param method how
     * @param status {@code paid} or {@code due}
     * @param transactionId the provider's transaction, or {@code null}
     * @param amountPaid what was paid so far
     * @since 0.1
     */
    public record Payment(String method, String status, String transactionId, BigDecimal amountPaid) {
    }

    /**
     * The kitchen's part.
     *
     * @param kitchenStaffId who cooks it
     * @param estimatedCookingTimeMinutes the cook's estimate
     * @param startedAt when cooking started
     * @since 0.1
     */
    public record Kitchen(String kitchenStaffId, int estimatedCookingTimeMinutes, Instant startedAt) {
    }

    /**
     * The delivery.
     *
     * @param driverId the driver
     * @param assignedAt when it was assigned
     * @param outForDeliveryAt when the driver left, or {@code null}
     * @param deliveredAt when it was delivered, or {@code null}
     * @since 0.1
     */
    public record Delivery(String driverId, Instant assignedAt, Instant outForDeliveryAt, Instant deliveredAt) {
    }

    /**
     * One step of the order's life.
     *
     * @param event what happened, such as {@code OrderPlaced}
     * @param at when
     * @param detail more about it, or {@code null}
     * @since 0.1
     */
    public record TimelineEntry(String event, Instant at, String detail) {
    }

    /**
     * What the order costs: the seed's {@code total_breakdown}. Each amount has two decimals.
     *
     * @param items the pizzas, each one's base price times its size, summed ({@code null} in orders placed
     *     before this part was recorded)
     * @param toppings the extra toppings, summed ({@code null} in orders placed before this part was recorded)
     * @param subtotal {@code items} plus {@code toppings}
     * @param tax the tax on the subtotal
     * @param deliveryFee the delivery fee
     * @param total what the customer pays: subtotal, tax and delivery fee
     * @since 0.1
     */
    public record TotalBreakdown(BigDecimal items, BigDecimal toppings, BigDecimal subtotal, BigDecimal tax,
            BigDecimal deliveryFee, BigDecimal total) {
    }
}
