package dev.myelin.examples.pizzeria.orders.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.core.Mediator;
import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import dev.myelin.data.events.EventReader;
import dev.myelin.examples.pizzeria.orders.lifecycle.MarkOrderAsViewed;
import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The order detail is folded from the order's own stream when read ({@link GetOrderByIdHandler}): an
 * order of more events than one read returns ({@link EventReader#STREAM_PAGE}) shows every one of them,
 * in order, and one more event shows at once.
 */
class OrderDetailHttpTest extends PizzeriaHttpTest {

    @Autowired
    Mediator mediator;

    @Test
    void anOrderOfMoreEventsThanOneReadShowsThemAllInOrder() {
        Http.Response placed = place(order("detail-pages", "Paula", "margherita", "medium", "cash"));
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        String orderId = placed.text("order_id");
        int views = EventReader.STREAM_PAGE + 10;
        try (RequestContext.Scope scope = RequestContext.builder().principal(Principal.of("manager", "manager")).build()
                .bind()) {
            for (int i = 0; i < views; i++) {
                clock.set(clock.instant().plusSeconds(1));
                assertThat(mediator.send(new MarkOrderAsViewed(orderId, null)).isSuccess()).isTrue();
            }
        }

        Http.Response detail = http.get("/api/orders/" + orderId, "manager");

        assertThat(detail.status()).as(detail.text()).isEqualTo(200);
        List<String> events = new ArrayList<>();
        List<String> times = new ArrayList<>();
        detail.json().path("timeline").forEach(entry -> {
            events.add(entry.path("event").asString());
            times.add(entry.path("at").asString());
        });
        assertThat(events).hasSize(views + 1).first().isEqualTo("OrderPlaced");
        assertThat(events.subList(1, events.size())).containsOnly("OrderViewed");
        assertThat(times).as("in the order they happened").isSortedAccordingTo(
                (a, b) -> Instant.parse(a).compareTo(Instant.parse(b)));
        assertThat(times).as("each view once").doesNotHaveDuplicates();
        assertThat(detail.text("viewed_at")).isEqualTo(times.get(times.size() - 1));
    }
}
