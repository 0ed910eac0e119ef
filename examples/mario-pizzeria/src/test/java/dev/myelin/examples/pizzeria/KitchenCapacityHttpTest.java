package dev.myelin.examples.pizzeria;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The kitchen's capacity ({@code pizzeria.kitchen.capacity}, 40 pizzas by default): once the pizzas
 * waiting or cooking would exceed it, orders get a 503 problem with the estimated wait in its detail (minutes)
 * and in {@code Retry-After} (seconds); cancelling frees room. On a context of its own (a fresh database,
 * an empty kitchen), since the shared one runs with an unbounded kitchen.
 */
@TestPropertySource(properties = "pizzeria.kitchen.capacity=40")
class KitchenCapacityHttpTest extends PizzeriaHttpTest {

    @Test
    void aFullKitchenAnswers503WithTheEstimatedWaitAndCancellingFreesRoom() {
        String twentyPizzas = IntStream.range(0, 20)
                .mapToObj(i -> "{\"pizza_id\": \"marinara\", \"size\": \"medium\"}")
                .collect(Collectors.joining(", ", """
                        {"customer_id": "big-party", "customer_name": "Big Party", "customer_phone": "0612345678",
                         "customer_address": "Piazza Navona 1", "payment_method": "cash", "pizza_items": [""", "]}"));
        List<String> placed = new ArrayList<>();
        try {
            Http.Response response = place(twentyPizzas);
            for (int i = 0; i < 5 && response.status() == 201; i++) {
                placed.add(response.text("order_id"));
                response = place(twentyPizzas);
            }
            assertThat(placed).isNotEmpty();
            assertThat(response.status()).as(response.text()).isEqualTo(503);
            assertThat(response.text("detail")).matches("Kitchen is at capacity\\. Estimated wait time is \\d+ minutes\\.");
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            Matcher minutes = Pattern.compile("Estimated wait time is (\\d+) minutes").matcher(response.text("detail"));
            assertThat(minutes.find()).isTrue();
            assertThat(Long.parseLong(minutes.group(1))).as("the wait of 20 pizzas or more in 4 ovens").isPositive();
            assertThat(response.header("Retry-After")).as("the estimated wait in seconds")
                    .isEqualTo(String.valueOf(Long.parseLong(minutes.group(1)) * 60));
            assertThat(http.get("/api/orders?customer_id=big-party", "manager").json().path("total_items").asLong())
                    .isEqualTo(placed.size());
        } finally {
            placed.forEach(id -> http.post("/api/orders/" + id + "/cancel", "{\"reason\": \"test cleanup\"}", "manager"));
        }
        assertThat(place(order("after-party", "Ugo", "marinara", "small", "cash")).status()).isEqualTo(201);
    }
}
