package dev.myelin.examples.pizzeria.orders.events;

import dev.myelin.examples.pizzeria.menu.PizzaSize;
import dev.myelin.examples.pizzeria.orders.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A customer placed an order; it carries everything the read models need about it.
 *
 * @param orderId the new order's id
 * @param customer who ordered
 * @param items the pizzas, priced
 * @param totals the total and its breakdown
 * @param payment how it is paid
 * @param estimatedReadyTime when it should be ready
 * @param at when it was placed
 * @param tokenHash the SHA-256 of the order's token (never the token), or {@code null} in events from
 *     before tokens
 * @since 0.1
 */
public record OrderPlaced(String orderId, Customer customer, List<Line> items, Totals totals, Payment payment,
        Instant estimatedReadyTime, Instant at, String tokenHash) implements OrderEvent {

    /** Copies the items. */
    public OrderPlaced {
        items = List.copyOf(items);
    }

    @Override
    public Optional<OrderStatus> resultingStatus() {
        return Optional.of(OrderStatus.PENDING);
    }

    /**
     * Who ordered.
     *
     * @param customerId the customer's id (a guest's is {@code guest-<phone digits>})
     * @param name their name
     * @param phone their phone
     * @param address where to deliver
     * @since 0.1
     */
    public record Customer(String customerId, String name, String phone, String address) {
    }

    /**
     * A pizza of the order, priced when it was placed.
     *
     * @param pizzaId the pizza
     * @param pizzaName its name
     * @param size its size
     * @param toppings the extra toppings' ids
     * @param specialInstructions what the customer asked for, or {@code null}
     * @param sizedPrice the base price times the size multiplier
     * @param toppingsPrice the toppings' prices
     * @param price the line's price
     * @param preparationTimeMinutes minutes to prepare and bake it
     * @since 0.1
     */
    public record Line(String pizzaId, String pizzaName, PizzaSize size, List<String> toppings, String specialInstructions,
            BigDecimal sizedPrice, BigDecimal toppingsPrice, BigDecimal price, int preparationTimeMinutes) {

        /** Copies the toppings. */
        public Line {
            toppings = List.copyOf(toppings);
        }
    }

    /**
     * What the order costs.
     *
     * @param subtotal the pizzas
     * @param tax the tax on the subtotal
     * @param deliveryFee the delivery fee
     * @param total what the customer pays
     * @since 0.1
     */
    public record Totals(BigDecimal subtotal, BigDecimal tax, BigDecimal deliveryFee, BigDecimal total) {
    }

    /**
     * How the order is paid.
     *
     * @param method the payment method: {@code cash} or {@code card}
     * @param status {@code due} (cash, paid to the driver), {@code authorized} (a card, captured once the
     *     order is stored) or {@code paid}
     * @param transactionId the provider's authorization (or, once paid, capture), or {@code null} for cash
     * @since 0.1
     */
    public record Payment(String method, String status, String transactionId) {

        /** Paid: cash received by staff, or a card captured. */
        public static final String PAID = "paid";
        /** Cash to be paid to the driver on delivery. */
        public static final String DUE = "due";
        /** A card authorized, to be captured. */
        public static final String AUTHORIZED = "authorized";
    }
}
