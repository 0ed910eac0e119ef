package dev.myelin.examples.pizzeria.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.MutableClock;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The kitchen performance report over real HTTP: each pizza's actual cooking time from the start of
 * cooking to its {@code PizzaReady}, on time or late against the cook's estimate, per chef and per day,
 * for managers only.
 */
class KitchenPerformanceHttpTest extends PizzeriaHttpTest {

    private static final String TWO_PIZZAS = """
            {"customer_id": "performance", "customer_name": "Perf", "customer_phone": "+39 06 1234 5678",
             "customer_address": "Via Roma 1", "payment_method": "cash",
             "pizza_items": [{"pizza_id": "margherita", "size": "medium"}, {"pizza_id": "marinara", "size": "small"}]}
            """;

    @Test
    void eachPizzasCookingTimeIsOnTimeOrLateAgainstTheEstimatePerChefAndDay() {
        String chef = "chef-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = MutableClock.NOON_IN_ROME.plus(Duration.ofMinutes(30));
        clock.set(start);
        Http.Response placed = place(TWO_PIZZAS);
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        String id = placed.text("order_id");
        ok(http.put("/api/orders/" + id + "/cook",
                "{\"kitchen_staff_id\": \"" + chef + "\", \"estimated_cooking_time_minutes\": 10}", "chef"));
        clock.set(start.plus(Duration.ofMinutes(5)));
        ok(http.put("/api/kitchen/orders/" + id + "/pizzas/0/ready", null, "chef"));
        clock.set(start.plus(Duration.ofMinutes(15)));
        ok(http.put("/api/kitchen/orders/" + id + "/pizzas/1/ready", null, "chef"));

        JsonNode day = await().atMost(Duration.ofSeconds(10)).until(() -> chefDay(chef), node -> node != null
                && node.path("figures").path("pizzas").asInt() == 2);

        assertThat(day.path("day").asString()).isEqualTo("2026-11-26");
        JsonNode figures = day.path("figures");
        assertThat(new java.math.BigDecimal(figures.path("average_cooking_minutes").asString())).isEqualByComparingTo("10.00");
        assertThat(figures.path("on_time").asInt()).isEqualTo(1);
        assertThat(figures.path("late").asInt()).isEqualTo(1);
        Http.Response today = http.get("/api/analytics/kitchen-performance?time_period=today", "manager");
        assertThat(today.status()).isEqualTo(200);
        assertThat(today.json().path("total").path("pizzas").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void onlyManagersReadItAndABadPeriodIsA400NamingTheField() {
        assertThat(http.get("/api/analytics/kitchen-performance", "chef").status()).isEqualTo(403);
        assertThat(http.get("/api/analytics/kitchen-performance").status()).isEqualTo(401);
        Http.Response bad = http.get("/api/analytics/kitchen-performance?time_period=yesterday", "manager");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bad.text()).contains("time_period");
    }

    private JsonNode chefDay(String chef) {
        Http.Response report = http.get("/api/analytics/kitchen-performance?time_period=all_time", "manager");
        assertThat(report.status()).as(report.text()).isEqualTo(200);
        for (JsonNode day : report.json().path("days")) {
            if (day.path("kitchen_staff_id").asString().equals(chef)) {
                return day;
            }
        }
        return null;
    }

    private static void ok(Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }
}
