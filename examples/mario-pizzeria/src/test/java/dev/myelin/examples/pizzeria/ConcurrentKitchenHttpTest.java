package dev.myelin.examples.pizzeria;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two cooks mark the two pizzas of one order ready at the same instant: both commands load version
 * N, one saves first and the other's save conflicts, is retried ({@code @Retry}) on the new version
 * and succeeds. Neither gets a 500, and the order ends ready with both pizzas. Whether a given round
 * collides depends on scheduling, so the test runs several rounds.
 */
class ConcurrentKitchenHttpTest extends PizzeriaHttpTest {

    @Test
    void twoCooksMarkingPizzasOfOneOrderReadyAtOnceBothSucceed() throws Exception {
        ExecutorService cooks = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String id = place("""
                        {"customer_id": "twins", "customer_name": "Twins", "customer_phone": "0612345678",
                         "customer_address": "Via Due 2", "payment_method": "card",
                         "pizza_items": [{"pizza_id": "margherita", "size": "small"}, {"pizza_id": "funghi", "size": "small"}]}
                        """).text("order_id");
                http.put("/api/orders/" + id + "/confirm", null, "chef");
                http.put("/api/orders/" + id + "/cook", "{\"kitchen_staff_id\": \"mario\", \"estimated_cooking_time_minutes\": 9}",
                        "chef");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Http.Response>> answers = new ArrayList<>();
                for (int pizza = 0; pizza < 2; pizza++) {
                    String path = "/api/kitchen/orders/" + id + "/pizzas/" + pizza + "/ready";
                    answers.add(cooks.submit(() -> {
                        start.await();
                        return http.put(path, null, "chef");
                    }));
                }
                start.countDown();
                for (Future<Http.Response> answer : answers) {
                    Http.Response response = answer.get();
                    assertThat(response.status()).as(response.text()).isEqualTo(200);
                }
                assertThat(http.get("/api/orders/" + id + "/status").text("status")).isEqualTo("ready");
                assertThat(http.get("/api/orders/" + id, "manager").json().path("items").findValues("ready"))
                        .allSatisfy(ready -> assertThat(ready.asBoolean()).isTrue());
            }
        } finally {
            cooks.shutdownNow();
        }
    }
}
