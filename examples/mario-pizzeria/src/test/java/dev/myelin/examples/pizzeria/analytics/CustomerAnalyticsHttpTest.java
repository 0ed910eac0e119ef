package dev.myelin.examples.pizzeria.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Customer analytics over real HTTP, from {@code OrderPlaced}: new and returning customers, order value
 * (total and average, cancelled orders left out), for managers only. The orders are placed on a day of
 * their own, read as {@code today}.
 */
class CustomerAnalyticsHttpTest extends PizzeriaHttpTest {

    /** Noon in Rome on a day no other test orders on, nor after (a period has no end but now). */
    private static final Instant OWN_DAY = Instant.parse("2028-06-06T10:00:00Z");

    @Test
    void newAndReturningCustomersAndTheValueOfTheirOrders() {
        clock.set(OWN_DAY);
        String anna = "anna-" + UUID.randomUUID().toString().substring(0, 8);
        String bruno = "bruno-" + UUID.randomUUID().toString().substring(0, 8);
        BigDecimal first = placed(order(anna, "Anna", "margherita", "large", "cash"));
        BigDecimal second = placed(order(anna, "Anna", "marinara", "small", "cash"));
        Http.Response brunos = place(order(bruno, "Bruno", "pepperoni", "medium", "cash"));
        assertThat(brunos.status()).as(brunos.text()).isEqualTo(201);
        assertThat(http.post("/api/orders/" + brunos.text("order_id") + "/cancel", "{}", "manager").status()).isEqualTo(200);

        JsonNode today = await().atMost(Duration.ofSeconds(10)).until(
                () -> http.get("/api/analytics/customers?time_period=today", "manager").json(),
                report -> report.path("cancelled_orders").asInt() == 1 && report.path("orders_from_new_customers").asInt() == 2
                        && report.path("orders_from_returning_customers").asInt() == 1);

        assertThat(today.path("new_customers").asInt()).isEqualTo(2);
        assertThat(today.path("returning_customers").asInt()).isEqualTo(1);
        BigDecimal total = first.add(second);
        assertThat(new BigDecimal(today.path("total_value").asString())).isEqualByComparingTo(total);
        assertThat(new BigDecimal(today.path("average_value").asString()))
                .isEqualByComparingTo(total.divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP));
        assertThat(http.get("/api/analytics/customers?time_period=today", "manager").text())
                .as("money with two decimals").containsPattern("\"total_value\"\\s*:\\s*\\d+\\.\\d{2}[,}]");
        assertThat(http.get("/api/analytics/customers?time_period=all_time", "manager").json().path("new_customers").asInt())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void onlyManagersReadIt() {
        assertThat(http.get("/api/analytics/customers").status()).isEqualTo(401);
        assertThat(http.get("/api/analytics/customers", "customer").status()).isEqualTo(403);
        assertThat(http.get("/api/analytics/customers", "chef").status()).isEqualTo(403);
        assertThat(http.get("/api/analytics/customers?time_period=forever", "manager").status()).isEqualTo(400);
    }

    private BigDecimal placed(String body) {
        Http.Response response = place(body);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return new BigDecimal(response.json().path("total_amount").asString());
    }
}
