package dev.myelin.examples.pizzeria.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.core.DomainEvent;
import dev.myelin.examples.pizzeria.menu.PizzaSize;
import dev.myelin.examples.pizzeria.orders.events.CookingStarted;
import dev.myelin.examples.pizzeria.orders.events.DeliveryAssigned;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.OrderDelivered;
import dev.myelin.examples.pizzeria.orders.events.OrderOutForDelivery;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.orders.events.OrderReady;
import dev.myelin.examples.pizzeria.orders.events.PaymentProcessed;
import dev.myelin.examples.pizzeria.orders.events.PizzaReady;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order aggregate, given/when/then: each change records its event, each illegal one is refused. */
class OrderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T11:00:00Z");

    @Test
    void givenNothing_whenAnOrderIsPlaced_thenItIsPendingAndRecordsOrderPlaced() {
        Order order = placed("cash", 2);

        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(types(order)).containsExactly("OrderPlaced");
        assertThat(order.amountDue()).isEqualByComparingTo("21.50");
    }

    @Test
    void givenAPendingOrder_whenCookingStarts_thenItCooksWithoutAConfirmation() {
        Order order = saved(placed("cash", 1));

        order.startCooking("mario", 10, NOW);

        assertThat(order.status()).isEqualTo(OrderStatus.COOKING);
        assertThat(types(order)).containsExactly("CookingStarted");
    }

    @Test
    void givenACookingOrder_whenCookingStartsAgain_thenItIsRefused() {
        Order order = saved(placed("cash", 1));
        order.startCooking("mario", 10, NOW);
        Order cooking = saved(order);

        assertThatThrownBy(() -> cooking.startCooking("mario", 10, NOW))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("is cooking");
        assertThat(cooking.pendingEvents()).isEmpty();
    }

    @Test
    void givenAConfirmedOrder_whenCookingStarts_thenCookingStartedCarriesTheEstimatedReadyTime() {
        Order order = saved(placed("cash", 1));
        order.confirm(NOW);

        order.startCooking("mario", 12, NOW);

        assertThat(order.status()).isEqualTo(OrderStatus.COOKING);
        assertThat(order.pendingEvents().get(1)).isEqualTo(new CookingStarted(order.id(), "mario", 12,
                NOW.plusSeconds(12 * 60), NOW));
    }

    @Test
    void givenACookingOrderOfTwoPizzas_whenBothAreReady_thenTheLastOneMakesTheOrderReady() {
        Order order = cooking(placed("cash", 2));

        order.markPizzaReady(1, NOW);
        assertThat(order.status()).isEqualTo(OrderStatus.COOKING);
        order.markPizzaReady(0, NOW);

        assertThat(order.status()).isEqualTo(OrderStatus.READY);
        assertThat(types(order)).containsExactly("PizzaReady", "PizzaReady", "OrderReady");
        assertThatThrownBy(() -> order.markPizzaReady(0, NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void givenACookingOrder_whenItIsCancelled_thenItIsRefusedBecauseCookingStarted() {
        Order order = cooking(placed("card", 1));

        assertThatThrownBy(() -> order.cancel("too late", NOW))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("cooking has started");
    }

    @Test
    void givenAPaidPendingOrder_whenItIsCancelled_thenWhatWasPaidIsRefunded() {
        Order order = saved(placed("card", 1));

        BigDecimal refund = order.cancel("changed my mind", NOW);

        assertThat(refund).isEqualByComparingTo("11.50");
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.pendingEvents()).containsExactly(new OrderCancelled(order.id(), "changed my mind", refund, "tx-1", null,
                null, NOW));
    }

    @Test
    void givenACardAuthorizedOrder_whenCancelledBeforeTheCapture_thenTheAuthorizationIsToBeVoidedNotRefunded() {
        Order order = saved(authorized());

        BigDecimal refund = order.cancel("changed my mind", NOW);

        assertThat(refund).isZero();
        assertThat(order.pendingEvents()).containsExactly(new OrderCancelled(order.id(), "changed my mind",
                new BigDecimal("0.00"), null, "auth-1", new BigDecimal("11.50"), NOW));
        assertThat(order.awaitsCapture("auth-1")).isFalse();
    }

    @Test
    void givenACardAuthorizedOrder_whenCaptured_thenItIsPaidOnceAndNothingIsLeftForTheDriver() {
        Order order = saved(authorized());
        assertThat(order.amountDue()).as("the authorization covers it").isZero();
        assertThatThrownBy(() -> order.recordPayment("cash", null, NOW)).hasMessageContaining("already paid");

        order.recordCapture("auth-1", "cap-1", NOW);

        assertThat(order.pendingEvents()).containsExactly(new PaymentProcessed(order.id(), "card", new BigDecimal("11.50"),
                "cap-1", NOW));
        assertThatThrownBy(() -> order.recordCapture("auth-1", "cap-2", NOW)).isInstanceOf(IllegalTransitionException.class);
        assertThat(order.cancel("too late", NOW)).as("a captured payment is refunded").isEqualByComparingTo("11.50");
    }

    @Test
    void givenAReadyOrderWithoutDriver_whenADriverTakesItOut_thenTheDriverIsAssigned() {
        Order order = cooking(placed("cash", 1));
        order.markReady(NOW);
        saved(order);

        order.takeOutForDelivery("luigi", false, NOW);

        assertThat(order.state().driverId()).isEqualTo("luigi");
        assertThat(types(order)).containsExactly("DeliveryAssigned", "OrderOutForDelivery");
    }

    @Test
    void givenAnAssignedOrder_whenAnotherDriverAssignsOrTakesIt_thenItIsRefusedButAManagerMayReassign() {
        Order order = cooking(placed("cash", 1));
        order.markReady(NOW);
        order.assignDriver("luigi", false, NOW);
        saved(order);

        assertThatThrownBy(() -> order.assignDriver("peach", false, NOW)).hasMessageContaining("already assigned");
        assertThatThrownBy(() -> order.takeOutForDelivery("peach", false, NOW)).hasMessageContaining("luigi");
        order.assignDriver("peach", true, NOW);
        assertThat(order.state().driverId()).isEqualTo("peach");
    }

    @Test
    void givenACashOrderOnTheRoad_whenDelivered_thenTheDriverCollectsTheCashFirst() {
        Order order = cooking(placed("cash", 1));
        order.markReady(NOW);
        order.assignDriver("luigi", false, NOW);
        order.takeOutForDelivery("luigi", false, NOW);
        order.markSaved(order.version() + 1);

        order.deliver(NOW);

        assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(types(order)).containsExactly("PaymentProcessed", "OrderDelivered");
        assertThat(order.amountDue()).isZero();
    }

    @Test
    void givenAPaidOrder_whenPaidAgain_thenItIsRefused() {
        Order order = saved(placed("card", 1));

        assertThatThrownBy(() -> order.recordPayment("card", "tx", NOW)).hasMessageContaining("already paid");
    }

    private static Order placed(String method, int pizzas) {
        OrderPlaced.Line line = new OrderPlaced.Line("margherita", "Margherita", PizzaSize.MEDIUM, List.of(), null,
                new BigDecimal("10.00"), new BigDecimal("0.00"), new BigDecimal("10.00"), 15);
        List<OrderPlaced.Line> lines = Collections.nCopies(pizzas, line);
        BigDecimal subtotal = new BigDecimal("10.00").multiply(BigDecimal.valueOf(pizzas));
        OrderPlaced.Totals totals = new OrderPlaced.Totals(subtotal, new BigDecimal("1.00"), new BigDecimal("0.50"),
                subtotal.add(new BigDecimal("1.50")));
        String status = method.equals("cash") ? "due" : "paid";
        return Order.place("order-1", new OrderPlaced.Customer("c-1", "Anna", "0612345678", "Via Roma 1"), lines, totals,
                new OrderPlaced.Payment(method, status, status.equals("paid") ? "tx-1" : null), NOW.plusSeconds(900), NOW,
                "token-hash");
    }

    private static Order authorized() {
        Order cash = placed("cash", 1);
        return Order.place(cash.id(), cash.state().customer(), cash.state().items(), cash.state().totals(),
                new OrderPlaced.Payment("card", OrderPlaced.Payment.AUTHORIZED, "auth-1"), NOW.plusSeconds(900), NOW, "hash");
    }

    /** As a repository leaves it after a save: the events are gone. */
    private static Order saved(Order order) {
        order.markSaved(order.version() + 1);
        return order;
    }

    private static Order cooking(Order order) {
        order.confirm(NOW);
        order.startCooking("mario", 10, NOW);
        return saved(order);
    }

    private static List<String> types(Order order) {
        return order.pendingEvents().stream().map(DomainEvent::getClass).map(Class::getSimpleName).toList();
    }
}
