package dev.myelin.examples.pizzeria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Lists come in pages: the order summaries (inline) and the customer history (asynchronous). */
class PagingHttpTest extends PizzeriaHttpTest {

    @Test
    void orderSummariesAndHistoryArePagedNewestFirst() {
        for (String pizza : new String[] {"margherita", "funghi", "margherita"}) {
            assertThat(place(order("pager", "Paola", pizza, "medium", "card")).status()).isEqualTo(201);
            clock.set(clock.instant().plusSeconds(60));
        }

        JsonNode second = http.get("/api/orders?customer_id=pager&page=2&page_size=2", "manager").json();
        assertThat(second.path("items")).hasSize(1);
        assertThat(second.path("total_items").asLong()).isEqualTo(3);
        assertThat(second.path("page").asInt()).isEqualTo(2);
        JsonNode first = http.get("/api/orders?customer_id=pager&page=1&page_size=2", "manager").json();
        assertThat(first.path("items").get(0).path("order_date").asString())
                .isGreaterThan(first.path("items").get(1).path("order_date").asString());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode history = http.get("/api/orders/history?customer_id=pager&page=1&page_size=2", "manager").json();
            assertThat(history.path("orders")).hasSize(2);
            assertThat(history.path("total_orders").asInt()).isEqualTo(3);
            assertThat(history.path("favorite_pizzas").get(0).path("pizza_id").asString()).isEqualTo("margherita");
            assertThat(history.path("favorite_pizzas").get(0).path("times_ordered").asInt()).isEqualTo(2);
        });
    }

    @Test
    void aPageSizeAboveOneHundredIsRefusedNamingTheField() {
        Http.Response response = http.get("/api/orders?customer_id=pager&page_size=101", "manager");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").has("page_size")).isTrue();
    }
}
