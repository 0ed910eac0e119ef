package dev.myelin.examples.pizzeria.orders.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.menu.PizzaSize;
import dev.myelin.examples.pizzeria.orders.OrderStatus;
import dev.myelin.examples.pizzeria.orders.events.DeliveryAssigned;
import dev.myelin.examples.pizzeria.orders.events.OrderDelivered;
import dev.myelin.examples.pizzeria.orders.events.OrderOutForDelivery;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.orders.events.PaymentProcessed;
import dev.myelin.examples.pizzeria.orders.events.PizzaReady;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order detail read model's logic, without a database. */
class OrderDetailsTest {

    private static final Instant AT = Instant.parse("2026-11-26T11:00:00Z");

    @Test
    void givenADetail_whenAPizzaIsReady_thenOnlyThatItemIsReadyAndTheTimelineGrows() {
        OrderDetailDto detail = detail();

        OrderDetailDto next = OrderDetails.apply(detail, new PizzaReady("o-1", 1, "funghi", AT));

        assertThat(next.items()).extracting(OrderDetailDto.Item::ready).containsExactly(false, true);
        assertThat(next.timeline()).extracting(OrderDetailDto.TimelineEntry::event).containsExactly("OrderPlaced", "PizzaReady");
        assertThat(next.status()).isEqualTo(OrderStatus.COOKING);
    }

    @Test
    void givenADetail_whenPaid_thenThePaymentAddsUpAndTheStatusStays() {
        OrderDetailDto next = OrderDetails.apply(detail(), new PaymentProcessed("o-1", "card", new BigDecimal("21.00"),
                "tx-9", AT));

        assertThat(next.payment()).isEqualTo(new OrderDetailDto.Payment("card", "paid", "tx-9", new BigDecimal("21.00")));
        assertThat(next.status()).isEqualTo(OrderStatus.COOKING);
    }

    @Test
    void givenADetail_whenDelivered_thenTheDeliveryKeepsItsEarlierTimes() {
        OrderDetailDto assigned = OrderDetails.apply(detail(), new DeliveryAssigned("o-1", "luigi", AT));
        OrderDetailDto out = OrderDetails.apply(assigned, new OrderOutForDelivery("o-1", "luigi", AT.plusSeconds(60)));

        OrderDetailDto delivered = OrderDetails.apply(out, new OrderDelivered("o-1", "luigi", AT.plusSeconds(600)));

        assertThat(delivered.delivery()).isEqualTo(new OrderDetailDto.Delivery("luigi", AT, AT.plusSeconds(60),
                AT.plusSeconds(600)));
        assertThat(delivered.status()).isEqualTo(OrderStatus.DELIVERED);
    }

    private static OrderDetailDto detail() {
        OrderDetailDto.Item margherita = new OrderDetailDto.Item(0, "margherita", "Margherita", PizzaSize.LARGE, List.of(),
                null, new BigDecimal("10.00"), BigDecimal.ZERO, new BigDecimal("10.00"), false);
        OrderDetailDto.Item funghi = new OrderDetailDto.Item(1, "funghi", "Funghi", PizzaSize.SMALL, List.of(), null,
                new BigDecimal("9.00"), BigDecimal.ZERO, new BigDecimal("9.00"), false);
        return new OrderDetailDto("o-1", OrderStatus.COOKING, new OrderDetailDto.Customer("c", "Anna", "0612345678", "Via Roma"),
                List.of(margherita, funghi), new OrderDetailDto.Payment("cash", "due", null, BigDecimal.ZERO), null, null,
                List.of(new OrderDetailDto.TimelineEntry("OrderPlaced", AT, null)),
                new OrderDetailDto.TotalBreakdown(new BigDecimal("19.00"), new BigDecimal("0.00"), new BigDecimal("19.00"),
                        new BigDecimal("1.90"), new BigDecimal("0.10"), new BigDecimal("21.00")),
                AT, AT, null, null);
    }
}
