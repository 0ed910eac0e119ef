package dev.myelin.examples.pizzeria.orders;

import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The stored state of an {@link Order}: one jsonb document per order. Immutable; the aggregate
 * replaces it on each change.
 */
record OrderState(OrderStatus status, OrderPlaced.Customer customer, List<OrderPlaced.Line> items,
        OrderPlaced.Totals totals, OrderPlaced.Payment payment, BigDecimal amountPaid, List<Boolean> pizzasReady,
        String kitchenStaffId, String driverId, Instant estimatedReadyTime, Instant placedAt, Instant viewedAt) {

    OrderState {
        items = List.copyOf(items);
        pizzasReady = List.copyOf(pizzasReady);
    }

    OrderState withStatus(OrderStatus value) {
        return new OrderState(value, customer, items, totals, payment, amountPaid, pizzasReady, kitchenStaffId, driverId,
                estimatedReadyTime, placedAt, viewedAt);
    }

    OrderState withKitchenStaff(String value) {
        return new OrderState(status, customer, items, totals, payment, amountPaid, pizzasReady, value, driverId,
                estimatedReadyTime, placedAt, viewedAt);
    }

    OrderState withEstimatedReadyTime(Instant value) {
        return new OrderState(status, customer, items, totals, payment, amountPaid, pizzasReady, kitchenStaffId, driverId,
                value, placedAt, viewedAt);
    }

    OrderState withPizzasReady(List<Boolean> value) {
        return new OrderState(status, customer, items, totals, payment, amountPaid, value, kitchenStaffId, driverId,
                estimatedReadyTime, placedAt, viewedAt);
    }

    OrderState withDriver(String value) {
        return new OrderState(status, customer, items, totals, payment, amountPaid, pizzasReady, kitchenStaffId, value,
                estimatedReadyTime, placedAt, viewedAt);
    }

    OrderState withPayment(OrderPlaced.Payment value, BigDecimal paid) {
        return new OrderState(status, customer, items, totals, value, paid, pizzasReady, kitchenStaffId, driverId,
                estimatedReadyTime, placedAt, viewedAt);
    }

    OrderState withViewedAt(Instant value) {
        return new OrderState(status, customer, items, totals, payment, amountPaid, pizzasReady, kitchenStaffId, driverId,
                estimatedReadyTime, placedAt, value);
    }
}
