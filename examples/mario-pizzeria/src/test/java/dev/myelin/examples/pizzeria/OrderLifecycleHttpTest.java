package dev.myelin.examples.pizzeria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One order's whole life over real HTTP, with every read model checked after each step: order
 * status, summary list and detail (inline), kitchen queue (inline), deliveries (inline), then the
 * asynchronous customer history, popular pizzas and stored notifications.
 */
class OrderLifecycleHttpTest extends PizzeriaHttpTest {

    @Test
    void anOrderGoesFromPlacedToDeliveredAndEveryReadModelFollows() {
        Http.Response placed = place(order("lifecycle-customer", "Anna Rossi", "margherita", "large", "cash"));
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        String id = placed.text("order_id");
        assertThat(UUID.fromString(id).version()).isEqualTo(7);
        // large margherita 12.99 * 1.3 = 16.89; tax 10 % = 1.69; delivery 2.50
        assertThat(placed.json().path("total_amount").decimalValue()).isEqualByComparingTo("21.08");
        assertThat(placed.text("payment_status")).isEqualTo("due");
        assertThat(status(id)).isEqualTo("pending");
        JsonNode detail = http.get("/api/orders/" + id, "manager").json();
        assertThat(detail.path("customer").path("name").asString()).isEqualTo("Anna Rossi");
        assertThat(detail.path("items").get(0).path("price").decimalValue()).isEqualByComparingTo("16.89");
        assertThat(detail.path("total_breakdown").path("tax").decimalValue()).isEqualByComparingTo("1.69");
        JsonNode list = http.get("/api/orders?customer_id=lifecycle-customer", "manager").json();
        assertThat(list.path("total_items").asLong()).isEqualTo(1);
        assertThat(list.path("items").get(0).path("customer_name").asString()).isEqualTo("Anna Rossi");
        assertThat(list.path("items").get(0).path("items_count").asInt()).isEqualTo(1);
        assertThat(ticket(id).path("status").asString()).isEqualTo("pending");

        assertThat(http.put("/api/orders/" + id + "/confirm", null, "chef").status()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("confirmed");
        assertThat(ticket(id).path("status").asString()).isEqualTo("confirmed");

        Http.Response cooking = http.put("/api/orders/" + id + "/cook",
                "{\"kitchen_staff_id\": \"mario\", \"estimated_cooking_time_minutes\": 12}", "chef");
        assertThat(cooking.status()).as(cooking.text()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("cooking");
        assertThat(ticket(id).path("kitchen_staff_id").asString()).isEqualTo("mario");
        assertThat(http.get("/api/orders/" + id, "manager").json().path("kitchen").path("estimated_cooking_time_minutes").asInt())
                .isEqualTo(12);

        assertThat(http.put("/api/kitchen/orders/" + id + "/pizzas/0/ready", null, "chef").status()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("ready");
        assertThat(queue().path("orders").findValuesAsString("order_id")).doesNotContain(id);
        assertThat(deliveries("status=ready")).contains(id);

        assertThat(http.put("/api/delivery/" + id + "/assign", "{\"driver_id\": \"driver\"}", "driver").status()).isEqualTo(200);
        assertThat(http.put("/api/delivery/" + id + "/out", null, "driver").status()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("out_for_delivery");
        assertThat(deliveries("status=out_for_delivery&driver_id=driver")).contains(id);

        assertThat(http.put("/api/delivery/" + id + "/delivered", null, "driver").status()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("delivered");
        JsonNode delivered = http.get("/api/orders/" + id, "manager").json();
        assertThat(delivered.path("payment").path("status").asString()).isEqualTo("paid");
        assertThat(delivered.path("delivery").path("driver_id").asString()).isEqualTo("driver");
        assertThat(delivered.path("timeline").findValuesAsString("event")).containsExactly("OrderPlaced", "OrderConfirmed",
                "CookingStarted", "PizzaReady", "OrderReady", "DeliveryAssigned", "OrderOutForDelivery", "PaymentProcessed",
                "OrderDelivered");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode history = http.get("/api/orders/history?customer_id=lifecycle-customer", "manager").json();
            assertThat(history.path("total_orders").asInt()).isEqualTo(1);
            assertThat(history.path("total_spent").decimalValue()).isEqualByComparingTo("21.08");
            assertThat(history.path("favorite_pizzas").get(0).path("pizza_id").asString()).isEqualTo("margherita");
            assertThat(history.path("orders").get(0).path("status").asString()).isEqualTo("delivered");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode popular = http.get("/api/analytics/popular-pizzas?time_period=today&limit=5", "manager").json();
            assertThat(popular.path("pizzas").findValuesAsString("pizza_id")).contains("margherita");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode texts = http.get("/api/notifications?customer_id=lifecycle-customer", "manager").json();
            assertThat(texts.path("total_items").asLong()).isEqualTo(4);
            JsonNode kitchen = http.get("/api/kitchen/notifications", "chef").json();
            assertThat(kitchen.path("items").findValuesAsString("order_id")).contains(id);
        });
    }

    @Test
    void cancellingBeforeCookingWorksAndAfterCookingIsAConflict() {
        String early = place(order("cancel-customer", "Bea", "funghi", "small", "card")).text("order_id");
        Http.Response cancelled = http.post("/api/orders/" + early + "/cancel", "{\"reason\": \"changed my mind\"}",
                "manager");
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(status(early)).isEqualTo("cancelled");
        assertThat(queue().path("orders").findValuesAsString("order_id")).doesNotContain(early);

        String late = place(order("cancel-customer", "Bea", "funghi", "small", "card")).text("order_id");
        // Cash and card orders alike: UUID version 7, so that the tables keyed on order ids grow at their right edge.
        assertThat(UUID.fromString(early).version()).isEqualTo(7);
        assertThat(UUID.fromString(late).version()).isEqualTo(7);
        http.put("/api/orders/" + late + "/confirm", null, "chef");
        http.put("/api/orders/" + late + "/cook", "{\"kitchen_staff_id\": \"mario\", \"estimated_cooking_time_minutes\": 10}",
                "chef");
        Http.Response refused = http.post("/api/orders/" + late + "/cancel", "{}", "manager");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("can no longer be cancelled");
        assertThat(status(late)).isEqualTo("cooking");
    }

    @Test
    void illegalTransitionsAreConflictsAndUnknownOrdersAreNotFound() {
        String id = place(order("conflict-customer", "Carlo", "pepperoni", "medium", "card")).text("order_id");
        assertThat(http.put("/api/kitchen/orders/" + id + "/ready", null, "chef").status()).isEqualTo(409);
        assertThat(http.put("/api/delivery/" + id + "/delivered", null, "driver").status()).isEqualTo(409);
        Http.Response paidTwice = http.post("/api/orders/" + id + "/payment", "{\"payment_method\": \"card\"}", "manager");
        assertThat(paidTwice.status()).isEqualTo(409);

        Http.Response unknown = http.get("/api/orders/no-such-order", "manager");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("detail")).contains("no-such-order");
        assertThat(http.get("/api/orders/no-such-order/status").status()).isEqualTo(404);
        Http.Response unknownCommand = http.put("/api/orders/no-such-order/confirm", null, "chef");
        assertThat(unknownCommand.status()).isEqualTo(404);
        assertThat(unknownCommand.text("detail")).contains("no-such-order");
    }

    @Test
    void aCashOrderIsPaidByCardAndMarkedViewedThroughCommands() {
        String id = place(order("payer", "Dario", "diavola", "medium", "cash")).text("order_id");
        Http.Response declined = http.post("/api/orders/" + id + "/payment",
                "{\"payment_method\": \"card\", \"payment_token\": \"tok_declined\"}", "manager");
        assertThat(declined.status()).isEqualTo(400);

        Http.Response paid = http.post("/api/orders/" + id + "/payment", "{\"payment_method\": \"card\"}", "manager");
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        // Authorized now, captured by the outbox once the payment committed.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "paid".equals(http.get("/api/orders/" + id + "/status").text("payment_status")));
        assertThat(http.post("/api/orders/" + id + "/viewed", null, "manager").status()).isEqualTo(200);

        JsonNode detail = http.get("/api/orders/" + id, "manager").json();
        assertThat(detail.path("payment").path("status").asString()).isEqualTo("paid");
        assertThat(detail.path("payment").path("amount_paid").decimalValue())
                .isEqualByComparingTo(detail.path("total_breakdown").path("total").decimalValue());
        assertThat(detail.path("viewed_at").isNull()).isFalse();
        assertThat(detail.path("timeline").findValuesAsString("event")).containsExactly("OrderPlaced", "PaymentAuthorized",
                "PaymentProcessed", "OrderViewed");
    }

    private String status(String id) {
        Http.Response response = http.get("/api/orders/" + id + "/status");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.text("status");
    }

    private JsonNode queue() {
        Http.Response response = http.get("/api/kitchen/queue", "chef");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private JsonNode ticket(String id) {
        for (JsonNode ticket : queue().path("orders")) {
            if (ticket.path("order_id").asString().equals(id)) {
                return ticket;
            }
        }
        throw new AssertionError("order " + id + " is not in the kitchen queue");
    }

    /** Every delivery's order id on every page (other test classes leave deliveries in the shared database). */
    private List<String> deliveries(String query) {
        List<String> ids = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode items = http.get("/api/delivery?" + query + "&page_size=100&page=" + page, "driver").json().path("items");
            if (items.isEmpty()) {
                return ids;
            }
            ids.addAll(items.findValuesAsString("order_id"));
        }
    }
}
