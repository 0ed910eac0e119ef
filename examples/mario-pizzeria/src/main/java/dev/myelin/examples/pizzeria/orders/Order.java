package dev.myelin.examples.pizzeria.orders;

import dev.myelin.data.AggregateRoot;
import dev.myelin.examples.pizzeria.orders.events.CookingStarted;
import dev.myelin.examples.pizzeria.orders.events.DeliveryAssigned;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.OrderConfirmed;
import dev.myelin.examples.pizzeria.orders.events.OrderDelivered;
import dev.myelin.examples.pizzeria.orders.events.OrderOutForDelivery;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.orders.events.OrderReady;
import dev.myelin.examples.pizzeria.orders.events.OrderViewed;
import dev.myelin.examples.pizzeria.orders.events.PaymentAuthorized;
import dev.myelin.examples.pizzeria.orders.events.PaymentProcessed;
import dev.myelin.examples.pizzeria.orders.events.PizzaReady;
import dev.myelin.examples.pizzeria.payments.PaymentMethod;
import dev.myelin.examples.pizzeria.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An order: its state changes only through these methods, each of which checks that the change is
 * legal from the current status (else {@link IllegalTransitionException}, a 409) and records the
 * event that describes it. Not thread-safe: an instance belongs to one command.
 */
public final class Order extends AggregateRoot<String> {

    private OrderState state;

    Order(String id, long version, OrderState state) {
        super(id, version);
        this.state = state;
    }

    public static Order place(String id, OrderPlaced.Customer customer, List<OrderPlaced.Line> items, OrderPlaced.Totals totals,
            OrderPlaced.Payment payment, Instant estimatedReadyTime, Instant now, String tokenHash) {
        BigDecimal paid = OrderPlaced.Payment.PAID.equals(payment.status()) ? totals.total() : Money.ZERO;
        OrderState state = new OrderState(OrderStatus.PENDING, customer, items, totals, payment, paid,
                new ArrayList<>(Collections.nCopies(items.size(), false)), null, null, estimatedReadyTime, now, null);
        Order order = new Order(id, 0, state);
        order.record(new OrderPlaced(id, customer, items, totals, payment, estimatedReadyTime, now, tokenHash));
        return order;
    }

    OrderState state() {
        return state;
    }

    public OrderStatus status() {
        return state.status();
    }

    public int pizzaCount() {
        return state.items().size();
    }

    public void confirm(Instant now) {
        require(OrderStatus.PENDING, "confirmed");
        state = state.withStatus(OrderStatus.CONFIRMED);
        record(new OrderConfirmed(id(), now));
    }

    /** Starts cooking a pending order (the seed's flow) or one that staff confirmed first. */
    public void startCooking(String kitchenStaffId, int estimatedMinutes, Instant now) {
        if (state.status() != OrderStatus.PENDING && state.status() != OrderStatus.CONFIRMED) {
            throw new IllegalTransitionException("Order " + id() + " is " + state.status().jsonName()
                    + "; only a pending or confirmed order can be cooked");
        }
        Instant ready = now.plusSeconds(60L * estimatedMinutes);
        state = state.withStatus(OrderStatus.COOKING).withKitchenStaff(kitchenStaffId).withEstimatedReadyTime(ready);
        record(new CookingStarted(id(), kitchenStaffId, estimatedMinutes, ready, now));
    }

    /** Marks one pizza ready; the last one makes the whole order ready. */
    public void markPizzaReady(int index, Instant now) {
        require(OrderStatus.COOKING, "have a pizza marked ready");
        if (state.pizzasReady().get(index)) {
            throw new IllegalTransitionException("Pizza " + index + " of order " + id() + " is already ready");
        }
        List<Boolean> ready = new ArrayList<>(state.pizzasReady());
        ready.set(index, true);
        state = state.withPizzasReady(ready);
        record(new PizzaReady(id(), index, state.items().get(index).pizzaId(), now));
        if (!ready.contains(false)) {
            becomeReady(now);
        }
    }

    /** Marks every remaining pizza and the order ready. */
    public void markReady(Instant now) {
        require(OrderStatus.COOKING, "marked ready");
        for (int i = 0; i < state.pizzasReady().size(); i++) {
            if (!state.pizzasReady().get(i)) {
                record(new PizzaReady(id(), i, state.items().get(i).pizzaId(), now));
            }
        }
        state = state.withPizzasReady(new ArrayList<>(Collections.nCopies(pizzaCount(), true)));
        becomeReady(now);
    }

    private void becomeReady(Instant now) {
        state = state.withStatus(OrderStatus.READY);
        record(new OrderReady(id(), now));
    }

    /**
     * Gives a ready order to a driver. An order that already has a driver keeps it unless a manager
     * reassigns it.
     */
    public void assignDriver(String driverId, boolean reassign, Instant now) {
        require(OrderStatus.READY, "assigned to a driver");
        if (state.driverId() != null && !reassign) {
            throw new IllegalTransitionException("Order " + id() + " is already assigned to driver " + state.driverId()
                    + "; only a manager can reassign it");
        }
        state = state.withDriver(driverId);
        record(new DeliveryAssigned(id(), driverId, now));
    }

    /**
     * The driver leaves with a ready order. An order without a driver is assigned to the one who takes
     * it out (the seed's flow has no assignment step); one assigned to another driver is refused unless
     * a manager takes it out for them.
     */
    public void takeOutForDelivery(String caller, boolean manager, Instant now) {
        require(OrderStatus.READY, "taken out for delivery");
        if (state.driverId() == null) {
            assignDriver(caller, false, now);
        } else if (!manager && !state.driverId().equals(caller)) {
            throw new IllegalTransitionException("Order " + id() + " is assigned to driver " + state.driverId());
        }
        state = state.withStatus(OrderStatus.OUT_FOR_DELIVERY);
        record(new OrderOutForDelivery(id(), state.driverId(), now));
    }

    /** Delivers the order; cash due is collected by the driver on the doorstep. */
    public void deliver(Instant now) {
        require(OrderStatus.OUT_FOR_DELIVERY, "delivered");
        if (OrderPlaced.Payment.DUE.equals(state.payment().status()) && amountDue().signum() > 0) {
            recordPayment(PaymentMethod.CASH.jsonName(), null, now);
        }
        state = state.withStatus(OrderStatus.DELIVERED);
        record(new OrderDelivered(id(), state.driverId(), now));
    }

    /**
     * Cancels the order before cooking starts. After commit, {@code WhenOrderCancelledThenRefund}
     * refunds a captured card payment or voids an authorization not captured yet.
     *
     * @return the amount to refund: what was captured
     */
    public BigDecimal cancel(String reason, Instant now) {
        if (state.status() != OrderStatus.PENDING && state.status() != OrderStatus.CONFIRMED) {
            throw new IllegalTransitionException("Order " + id() + " is " + state.status().jsonName()
                    + " and can no longer be cancelled: cooking has started");
        }
        BigDecimal refund = state.amountPaid();
        String capture = refund.signum() > 0 ? state.payment().transactionId() : null;
        boolean authorized = OrderPlaced.Payment.AUTHORIZED.equals(state.payment().status());
        state = state.withStatus(OrderStatus.CANCELLED);
        record(new OrderCancelled(id(), reason, refund, capture, authorized ? state.payment().transactionId() : null,
                authorized ? state.totals().total().subtract(state.amountPaid()) : null, now));
        return refund;
    }

    /**
     * Returns what is still owed.
     *
     * @return the amount, nothing while a card authorization covers it
     */
    public BigDecimal amountDue() {
        if (OrderPlaced.Payment.AUTHORIZED.equals(state.payment().status())) {
            return Money.ZERO;
        }
        return state.totals().total().subtract(state.amountPaid());
    }

    /**
     * Tells whether a card authorization waits for its capture.
     *
     * @param authorizationId the authorization
     * @return true while the order is not cancelled and holds that authorization uncaptured
     */
    public boolean awaitsCapture(String authorizationId) {
        return state.status() != OrderStatus.CANCELLED && OrderPlaced.Payment.AUTHORIZED.equals(state.payment().status())
                && authorizationId.equals(state.payment().transactionId());
    }

    /** Records a payment of what is due, taken by staff (cash) or captured. */
    public void recordPayment(String method, String transactionId, Instant now) {
        if (state.status() == OrderStatus.CANCELLED) {
            throw new IllegalTransitionException("Order " + id() + " is cancelled");
        }
        BigDecimal due = amountDue();
        if (due.signum() <= 0) {
            throw new IllegalTransitionException("Order " + id() + " is already paid");
        }
        state = state.withPayment(new OrderPlaced.Payment(method, OrderPlaced.Payment.PAID, transactionId),
                state.totals().total());
        record(new PaymentProcessed(id(), method, due, transactionId, now));
    }

    /** Records that a card authorization now covers what is due; captured after commit. */
    public void recordAuthorization(String authorizationId, BigDecimal amount, Instant now) {
        BigDecimal due = amountDue();
        if (state.status() == OrderStatus.CANCELLED || due.signum() <= 0) {
            throw new IllegalTransitionException("Order " + id() + " is " + (due.signum() <= 0 ? "already paid" : "cancelled"));
        }
        if (due.compareTo(amount) != 0) {
            throw new IllegalTransitionException("Order " + id() + " owes " + due + ", not " + amount);
        }
        state = state.withPayment(new OrderPlaced.Payment(PaymentMethod.CARD.jsonName(), OrderPlaced.Payment.AUTHORIZED,
                authorizationId), state.amountPaid());
        record(new PaymentAuthorized(id(), authorizationId, amount, now));
    }

    /** Records the capture of the authorization that covers what is due. */
    public void recordCapture(String authorizationId, String captureId, Instant now) {
        if (!awaitsCapture(authorizationId)) {
            throw new IllegalTransitionException("Order " + id() + " awaits no capture of " + authorizationId);
        }
        BigDecimal due = state.totals().total().subtract(state.amountPaid());
        state = state.withPayment(new OrderPlaced.Payment(PaymentMethod.CARD.jsonName(), OrderPlaced.Payment.PAID, captureId),
                state.totals().total());
        record(new PaymentProcessed(id(), PaymentMethod.CARD.jsonName(), due, captureId, now));
    }

    public void markViewed(Instant now) {
        state = state.withViewedAt(now);
        record(new OrderViewed(id(), now));
    }

    private void require(OrderStatus expected, String what) {
        if (state.status() != expected) {
            throw new IllegalTransitionException("Order " + id() + " is " + state.status().jsonName() + "; only a "
                    + expected.jsonName() + " order can be " + what);
        }
    }
}
