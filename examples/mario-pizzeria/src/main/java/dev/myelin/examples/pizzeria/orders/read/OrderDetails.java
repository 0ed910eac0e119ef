package dev.myelin.examples.pizzeria.orders.read;

import dev.myelin.examples.pizzeria.orders.OrderStatus;
import dev.myelin.examples.pizzeria.orders.events.CookingStarted;
import dev.myelin.examples.pizzeria.orders.events.DeliveryAssigned;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.OrderDelivered;
import dev.myelin.examples.pizzeria.orders.events.OrderEvent;
import dev.myelin.examples.pizzeria.orders.events.OrderOutForDelivery;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.orders.events.OrderViewed;
import dev.myelin.examples.pizzeria.orders.events.PaymentAuthorized;
import dev.myelin.examples.pizzeria.orders.events.PaymentProcessed;
import dev.myelin.examples.pizzeria.orders.events.PizzaReady;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.examples.pizzeria.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link OrderDetailDto} of an order, folded from the order's own events: {@link OrderPlaced} creates
 * it ({@link #placed}), each later event changes it ({@link #apply}) and adds its line to the timeline.
 * Pure functions, so that the logic is tested without a database; {@link GetOrderByIdHandler} folds the
 * order's stream when the detail is read (a live projection: nothing is written for it).
 */
final class OrderDetails {

    private OrderDetails() {
    }

    /**
     * Folds an order's events, in stream order, into its detail.
     *
     * @param events the order's events, its {@link OrderPlaced} first
     * @return the detail; empty when the first event is not an {@link OrderPlaced} (no such order)
     */
    static Optional<OrderDetailDto> fold(List<StoredEvent> events) {
        if (events.isEmpty() || !(events.get(0).event() instanceof OrderPlaced placed)) {
            return Optional.empty();
        }
        OrderDetailDto detail = placed(placed);
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).event() instanceof OrderEvent event && !(event instanceof OrderPlaced)) {
                detail = apply(detail, event);
            }
        }
        return Optional.of(detail);
    }

    /** The detail an order's {@link OrderPlaced} creates. */
    static OrderDetailDto placed(OrderPlaced placed) {
        List<OrderDetailDto.Item> items = new ArrayList<>();
        for (int i = 0; i < placed.items().size(); i++) {
            OrderPlaced.Line line = placed.items().get(i);
            items.add(new OrderDetailDto.Item(i, line.pizzaId(), line.pizzaName(), line.size(), line.toppings(),
                    line.specialInstructions(), line.sizedPrice(), line.toppingsPrice(), line.price(), false));
        }
        OrderPlaced.Customer customer = placed.customer();
        OrderPlaced.Totals totals = placed.totals();
        OrderPlaced.Payment payment = placed.payment();
        return new OrderDetailDto(placed.orderId(), OrderStatus.PENDING,
                new OrderDetailDto.Customer(customer.customerId(), customer.name(), customer.phone(), customer.address()),
                List.copyOf(items),
                new OrderDetailDto.Payment(payment.method(), payment.status(), payment.transactionId(),
                        OrderPlaced.Payment.PAID.equals(payment.status()) ? totals.total() : Money.ZERO),
                null, null,
                List.of(new OrderDetailDto.TimelineEntry("OrderPlaced", placed.at(),
                        items.size() + " pizza(s), total " + totals.total())),
                new OrderDetailDto.TotalBreakdown(sum(placed.items(), OrderPlaced.Line::sizedPrice),
                        sum(placed.items(), OrderPlaced.Line::toppingsPrice), totals.subtotal(), totals.tax(),
                        totals.deliveryFee(), totals.total()),
                placed.at(), placed.estimatedReadyTime(), null, null);
    }

    private static BigDecimal sum(List<OrderPlaced.Line> lines, Function<OrderPlaced.Line, BigDecimal> part) {
        BigDecimal sum = Money.ZERO;
        for (OrderPlaced.Line line : lines) {
            sum = sum.add(part.apply(line));
        }
        return Money.of(sum);
    }

    /** The timeline entry an event adds. */
    static OrderDetailDto.TimelineEntry entry(OrderEvent event) {
        String text;
        if (event instanceof CookingStarted started) {
            text = "by " + started.kitchenStaffId() + ", about " + started.estimatedCookingTimeMinutes() + " minutes";
        } else if (event instanceof PizzaReady ready) {
            text = "pizza " + ready.pizzaIndex() + " (" + ready.pizzaId() + ")";
        } else if (event instanceof DeliveryAssigned assigned) {
            text = "driver " + assigned.driverId();
        } else if (event instanceof OrderOutForDelivery out) {
            text = "driver " + out.driverId();
        } else if (event instanceof OrderCancelled cancelled) {
            text = cancelled.reason() + (cancelled.refunded().signum() > 0 ? ", refunded " + cancelled.refunded() : "");
        } else if (event instanceof PaymentProcessed paid) {
            text = paid.amount() + " by " + paid.method();
        } else if (event instanceof PaymentAuthorized authorized) {
            text = authorized.amount() + " authorized on a card";
        } else {
            text = null;
        }
        return new OrderDetailDto.TimelineEntry(event.getClass().getSimpleName(), event.at(), text);
    }

    /** Returns the detail after an event (other than {@link OrderPlaced}, which creates it). */
    static OrderDetailDto apply(OrderDetailDto detail, OrderEvent event) {
        OrderStatus status = event.resultingStatus().orElse(detail.status());
        List<OrderDetailDto.Item> items = detail.items();
        OrderDetailDto.Payment payment = detail.payment();
        OrderDetailDto.Kitchen kitchen = detail.kitchen();
        OrderDetailDto.Delivery delivery = detail.delivery();
        Instant ready = detail.estimatedReadyTime();
        Instant viewed = detail.viewedAt();
        String cancellation = detail.cancellationReason();
        if (event instanceof CookingStarted started) {
            kitchen = new OrderDetailDto.Kitchen(started.kitchenStaffId(), started.estimatedCookingTimeMinutes(), started.at());
            ready = started.estimatedReadyTime();
        } else if (event instanceof PizzaReady pizza) {
            items = new ArrayList<>(items);
            OrderDetailDto.Item item = items.get(pizza.pizzaIndex());
            items.set(pizza.pizzaIndex(), new OrderDetailDto.Item(item.index(), item.pizzaId(), item.pizzaName(), item.size(),
                    item.toppings(), item.specialInstructions(), item.sizedPrice(), item.toppingsPrice(), item.price(), true));
        } else if (event instanceof DeliveryAssigned assigned) {
            delivery = new OrderDetailDto.Delivery(assigned.driverId(), assigned.at(), null, null);
        } else if (event instanceof OrderOutForDelivery out) {
            delivery = new OrderDetailDto.Delivery(out.driverId(), delivery == null ? out.at() : delivery.assignedAt(), out.at(),
                    null);
        } else if (event instanceof OrderDelivered delivered) {
            delivery = new OrderDetailDto.Delivery(delivered.driverId(), delivery == null ? null : delivery.assignedAt(),
                    delivery == null ? null : delivery.outForDeliveryAt(), delivered.at());
        } else if (event instanceof PaymentProcessed paid) {
            BigDecimal amount = payment.amountPaid().add(paid.amount());
            payment = new OrderDetailDto.Payment(paid.method(), OrderPlaced.Payment.PAID, paid.transactionId(), amount);
        } else if (event instanceof PaymentAuthorized authorized) {
            payment = new OrderDetailDto.Payment("card", OrderPlaced.Payment.AUTHORIZED, authorized.authorizationId(),
                    payment.amountPaid());
        } else if (event instanceof OrderViewed) {
            viewed = event.at();
        } else if (event instanceof OrderCancelled cancelled) {
            cancellation = cancelled.reason();
            payment = new OrderDetailDto.Payment(payment.method(), cancelled.paymentStatus(), payment.transactionId(),
                    payment.amountPaid());
        }
        List<OrderDetailDto.TimelineEntry> timeline = new ArrayList<>(detail.timeline());
        timeline.add(entry(event));
        return new OrderDetailDto(detail.orderId(), status, detail.customer(), List.copyOf(items), payment, kitchen, delivery,
                List.copyOf(timeline), detail.totalBreakdown(), detail.placedAt(), ready, viewed, cancellation);
    }
}
