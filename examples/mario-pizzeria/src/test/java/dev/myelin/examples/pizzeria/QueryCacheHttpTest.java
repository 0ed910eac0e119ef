package dev.myelin.examples.pizzeria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.behaviors.caching.CachingBehavior;
import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The kitchen queue and the popular pizzas are cached with the seed's time to live (2 and 5 minutes),
 * and each command that changes them is visible right after it despite the cache: the kitchen queue's
 * entries are evicted when the command commits, the popular pizzas' once their (asynchronous)
 * projection applied the change.
 */
class QueryCacheHttpTest extends PizzeriaHttpTest {

    private static final String COOK = "{\"kitchen_staff_id\": \"mario\", \"estimated_cooking_time_minutes\": 10}";

    @Autowired
    CachingBehavior caching;

    @Autowired
    QueryCacheConfiguration.QueryCacheProperties ttls;

    @Test
    void theSeedsTimesToLiveAreTheDefaults() {
        assertThat(ttls.kitchenQueue()).isEqualTo(Duration.ofMinutes(2));
        assertThat(ttls.popularPizzas()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theKitchenQueueIsCachedAndEveryCommandThatChangesItIsVisibleRightAfter() {
        queue();
        long hits = caching.stats().hits();
        queue();
        assertThat(caching.stats().hits()).as("the second read is a cache hit").isGreaterThan(hits);

        Http.Response placed = place("""
                {"customer_id": "cached-queue", "customer_name": "Cached", "customer_phone": "+39 06 1234 5678",
                 "customer_address": "Via Roma 1", "payment_method": "cash",
                 "pizza_items": [{"pizza_id": "margherita", "size": "medium"}, {"pizza_id": "marinara", "size": "small"}]}
                """);
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        String id = placed.text("order_id");
        assertThat(ticket(id)).as("placed").isNotNull();
        assertThat(ticket(id).path("status").asString()).isEqualTo("pending");

        ok(http.put("/api/orders/" + id + "/confirm", null, "manager"));
        assertThat(ticket(id).path("status").asString()).as("confirmed").isEqualTo("confirmed");
        ok(http.put("/api/orders/" + id + "/cook", COOK, "chef"));
        assertThat(ticket(id).path("status").asString()).as("cooking").isEqualTo("cooking");
        ok(http.put("/api/kitchen/orders/" + id + "/pizzas/0/ready", null, "chef"));
        assertThat(ticket(id).path("pizzas_ready").asInt()).as("one pizza ready").isEqualTo(1);
        ok(http.put("/api/kitchen/orders/" + id + "/ready", null, "chef"));
        assertThat(ticket(id)).as("ready: out of the kitchen").isNull();

        Http.Response other = place(order("cached-queue", "Cached", "marinara", "small", "cash"));
        String otherId = other.text("order_id");
        assertThat(ticket(otherId)).isNotNull();
        ok(http.post("/api/orders/" + otherId + "/cancel", "{}", "manager"));
        assertThat(ticket(otherId)).as("cancelled: out of the kitchen").isNull();
    }

    @Test
    void popularPizzasAreCachedAndShowAnOrderOnceTheirProjectionAppliedIt() {
        // A day no other test orders on: its figures start at zero.
        clock.set(Instant.parse("2027-03-03T11:00:00Z"));
        // The second of two reads is a hit, once the projection has no other test's events left to
        // apply (each application evicts the cached figures).
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            timesOrdered("diavola");
            long hits = caching.stats().hits();
            timesOrdered("diavola");
            return caching.stats().hits() > hits;
        });

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Http.Response placed = place(order("cached-popular", "Popular", "diavola", "large", "cash"));
            assertThat(placed.status()).as(placed.text()).isEqualTo(201);
            ids.add(placed.text("order_id"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> timesOrdered("diavola") == 2);

        ok(http.post("/api/orders/" + ids.get(0) + "/cancel", "{}", "manager"));
        await().atMost(Duration.ofSeconds(10)).until(() -> timesOrdered("diavola") == 1);
        http.post("/api/orders/" + ids.get(1) + "/cancel", "{}", "manager");
    }

    private JsonNode queue() {
        Http.Response queue = http.get("/api/kitchen/queue", "chef");
        assertThat(queue.status()).as(queue.text()).isEqualTo(200);
        return queue.json();
    }

    private JsonNode ticket(String orderId) {
        for (JsonNode ticket : queue().path("orders")) {
            if (ticket.path("order_id").asString().equals(orderId)) {
                return ticket;
            }
        }
        return null;
    }

    private long timesOrdered(String pizzaId) {
        Http.Response popular = http.get("/api/analytics/popular-pizzas?time_period=today&limit=50", "manager");
        assertThat(popular.status()).as(popular.text()).isEqualTo(200);
        for (JsonNode pizza : popular.json().path("pizzas")) {
            if (pizza.path("pizza_id").asString().equals(pizzaId)) {
                return pizza.path("times_ordered").asLong();
            }
        }
        return 0;
    }

    private static void ok(Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }
}
