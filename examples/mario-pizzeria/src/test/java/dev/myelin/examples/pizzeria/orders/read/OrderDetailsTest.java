package dev.myelin.examples.pizzeria.orders.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.events.EventMetadata;
import dev.myelin.data.events.StoredEvent;
import dev.myelin.examples.pizzeria.menu.PizzaSize;
import dev.myelin.examples.pizzeria.orders.OrderStatus;
import dev.myelin.examples.pizzeria.orders.events.CookingStarted;
import dev.myelin.examples.pizzeria.orders.events.DeliveryAssigned;
import dev.myelin.examples.pizzeria.orders.events.OrderConfirmed;
import dev.myelin.examples.pizzeria.orders.events.OrderDelivered;
import dev.myelin.examples.pizzeria.orders.events.OrderEvent;
import dev.myelin.examples.pizzeria.orders.events.OrderOutForDelivery;
import dev.myelin.examples.pizzeria.orders.events.OrderPlaced;
import dev.myelin.examples.pizzeria.orders.events.PaymentProcessed;
import dev.myelin.examples.pizzeria.orders.events.PizzaReady;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order detail's fold, without a database. */
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

    @Test
    void givenAnOrdersEvents_whenFolded_thenThePlacedOrderIsChangedByEachLaterEventInTurn() {
        OrderPlaced placed = new OrderPlaced("o-1", new OrderPlaced.Customer("c", "Anna", "0612345678", "Via Roma"),
                List.of(new OrderPlaced.Line("margherita", "Margherita", PizzaSize.LARGE, List.of("basil"), "crispy",
                        new BigDecimal("15.60"), new BigDecimal("2.50"), new BigDecimal("18.10"), 12)),
                new OrderPlaced.Totals(new BigDecimal("18.10"), new BigDecimal("1.45"), new BigDecimal("2.50"),
                        new BigDecimal("22.05")),
                new OrderPlaced.Payment("cash", "due", null), AT.plusSeconds(900), AT, "hash");
        List<StoredEvent> events = List.of(stored(1, placed), stored(2, new OrderConfirmed("o-1", AT.plusSeconds(30))),
                stored(3, new CookingStarted("o-1", "mario", 15, AT.plusSeconds(960), AT.plusSeconds(60))));

        OrderDetailDto detail = OrderDetails.fold(events).orElseThrow();

        assertThat(detail.status()).isEqualTo(OrderStatus.COOKING);
        assertThat(detail.items()).singleElement().satisfies(item -> {
            assertThat(item.toppings()).containsExactly("basil");
            assertThat(item.ready()).isFalse();
        });
        assertThat(detail.totalBreakdown()).isEqualTo(new OrderDetailDto.TotalBreakdown(new BigDecimal("15.60"),
                new BigDecimal("2.50"), new BigDecimal("18.10"), new BigDecimal("1.45"), new BigDecimal("2.50"),
                new BigDecimal("22.05")));
        assertThat(detail.payment()).isEqualTo(new OrderDetailDto.Payment("cash", "due", null, new BigDecimal("0.00")));
        assertThat(detail.kitchen()).isEqualTo(new OrderDetailDto.Kitchen("mario", 15, AT.plusSeconds(60)));
        assertThat(detail.estimatedReadyTime()).isEqualTo(AT.plusSeconds(960));
        assertThat(detail.timeline()).extracting(OrderDetailDto.TimelineEntry::event)
                .containsExactly("OrderPlaced", "OrderConfirmed", "CookingStarted");
        assertThat(detail.timeline().get(0).detail()).isEqualTo("1 pizza(s), total 22.05");
    }

    @Test
    void givenNoEventsOrAStreamNotStartedByAPlacement_whenFolded_thenThereIsNoOrder() {
        assertThat(OrderDetails.fold(List.of())).isEmpty();
        assertThat(OrderDetails.fold(List.of(stored(1, new OrderConfirmed("o-1", AT))))).isEmpty();
    }

    private static StoredEvent stored(long version, OrderEvent event) {
        return new StoredEvent(version, "Order-o-1", version, "e-" + version, event.getClass().getSimpleName(), 1, event,
                EventMetadata.empty(), AT);
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
