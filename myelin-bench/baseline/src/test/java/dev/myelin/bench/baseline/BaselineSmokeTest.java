package dev.myelin.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline answers the seed's sample order, its status and the menu with the pizzeria's status codes,
 * JSON fields and amounts (the field lists are those of the pizzeria's {@code OrderPlacedDto},
 * {@code OrderStatusDto} and {@code MenuDto}), and refuses as the pizzeria does. Real HTTP, real PostgreSQL
 * (a temporary, non-durable cluster). The kitchen holds 2 pizzas here, so that its 503 can be reached.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pizzeria.opening-hours=always", "pizzeria.kitchen.capacity=2"})
class BaselineSmokeTest {

    /** The seed page's sample order with a phone of 10+ characters (the pizzeria's default rule). */
    static final String SEED_ORDER = """
            {
              "customer_name": "John Doe",
              "customer_phone": "555-0123-45",
              "customer_address": "123 Pizza St",
              "pizza_items": [
                {
                  "pizza_id": "margherita",
                  "size": "large",
                  "toppings": ["extra_cheese"],
                  "special_instructions": "Extra crispy"
                }
              ],
              "payment_method": "cash"
            }
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void answersTheSeedOrderItsStatusAndTheMenuAsThePizzeriaDoes() throws Exception {
        restock("topping:extra_cheese", 5);
        HttpResponse<String> placed = post("/api/orders", SEED_ORDER);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = JSON.readTree(placed.body());
        assertThat(fields(order)).containsExactly("order_id", "status", "customer_id", "subtotal", "tax", "delivery_fee",
                "total_amount", "payment_status", "estimated_ready_time", "order_token", "status_page");
        String orderId = order.path("order_id").asString();
        String token = order.path("order_token").asString();
        assertThat(order.path("status_page").asString()).isEqualTo("/order.html?id=" + orderId + "#token=" + token);
        // Only the token's SHA-256 is stored; the counted topping is reserved, the uncounted base is not.
        assertThat(jdbc.sql("select token_hash from orders where order_id = ?").param(orderId).query(String.class).single())
                .hasSize(64).isNotEqualTo(token);
        assertThat(jdbc.sql("select reserved from inventory_stock where ingredient = 'topping:extra_cheese'")
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select portions::text from stock_reservations where order_id = ?").param(orderId)
                .query(String.class).single()).isEqualTo("{\"topping:extra_cheese\": 1}");
        // margherita 12.99 x 1.3 = 16.887 -> 16.89, + extra cheese 1.50 = 18.39; tax 1.839 -> 1.84; fee 2.50
        assertThat(order.path("subtotal").decimalValue()).isEqualByComparingTo("18.39");
        assertThat(order.path("tax").decimalValue()).isEqualByComparingTo("1.84");
        assertThat(order.path("delivery_fee").decimalValue()).isEqualByComparingTo("2.50");
        assertThat(order.path("total_amount").decimalValue()).isEqualByComparingTo("22.73");
        assertThat(order.path("status").asString()).isEqualTo("pending");
        assertThat(order.path("payment_status").asString()).isEqualTo("due");
        assertThat(order.path("customer_id").asString()).isEqualTo("guest-555012345");

        HttpResponse<String> status = get("/api/orders/" + order.path("order_id").asString() + "/status");
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        JsonNode current = JSON.readTree(status.body());
        assertThat(fields(current)).containsExactly("order_id", "status", "customer_name", "items_count", "total_amount",
                "payment_status", "estimated_ready_time", "updated_at");
        assertThat(current.path("status").asString()).isEqualTo("pending");
        assertThat(current.path("customer_name").asString()).isEqualTo("John Doe");
        assertThat(current.path("items_count").asInt()).isEqualTo(1);
        assertThat(current.path("total_amount").decimalValue()).isEqualByComparingTo("22.73");
        // PostgreSQL keeps microseconds; the placed answer has the clock's nanoseconds (so does the pizzeria's).
        assertThat(Instant.parse(current.path("estimated_ready_time").asString()).truncatedTo(ChronoUnit.MILLIS))
                .isEqualTo(Instant.parse(order.path("estimated_ready_time").asString()).truncatedTo(ChronoUnit.MILLIS));

        HttpResponse<String> menu = get("/api/menu");
        assertThat(menu.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(menu.body());
        assertThat(fields(body)).containsExactly("pizzas", "toppings", "sizes");
        assertThat(body.path("pizzas")).hasSize(8); // the house menu but the unavailable tartufo
        JsonNode first = body.path("pizzas").get(0);
        assertThat(fields(first)).containsExactly("id", "name", "description", "category", "base_price", "prices",
                "preparation_time_minutes", "seasonal", "available", "is_seasonal", "available_sizes", "available_toppings");
        assertThat(first.path("available_toppings")).hasSize(8);
        assertThat(fields(body.path("toppings").get(0))).containsExactly("id", "name", "price", "available");
        assertThat(first.path("id").asString()).isEqualTo("margherita");
        assertThat(first.path("prices").path("large").decimalValue()).isEqualByComparingTo("16.89");
        assertThat(body.path("toppings")).hasSize(8);
        assertThat(body.path("sizes").get(2).path("size").asString()).isEqualTo("large");

        // The kitchen holds 2 pizzas: 1 is waiting, 2 more do not fit.
        HttpResponse<String> full = post("/api/orders", SEED_ORDER.replace("\"pizza_items\": [",
                "\"pizza_items\": [{\"pizza_id\": \"marinara\", \"size\": \"small\"},"));
        assertThat(full.statusCode()).as(full.body()).isEqualTo(503);
        assertThat(JSON.readTree(full.body()).path("detail").asString()).startsWith("Kitchen is at capacity.");
    }

    @Test
    void refusesAsThePizzeriaDoes() throws Exception {
        HttpResponse<String> shortPhone = post("/api/orders", SEED_ORDER.replace("555-0123-45", "555-0123"));
        assertThat(shortPhone.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(shortPhone.body()).path("errors").path("customer_phone").get(0).asString())
                .isEqualTo("must have at least 10 characters");

        HttpResponse<String> noPizza = post("/api/orders", """
                {"customer_name": "Dora", "customer_phone": "0612345678", "customer_address": "Via Appia 2",
                 "pizza_items": [], "payment_method": "cash"}
                """);
        assertThat(noPizza.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noPizza.body()).path("errors").path("pizza_items").get(0).asString())
                .isEqualTo("must contain at least one pizza");

        HttpResponse<String> unknown = post("/api/orders", SEED_ORDER.replace("margherita", "hawaiian"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).path("detail").asString()).isEqualTo("One or more pizzas are not available");

        HttpResponse<String> unavailable = post("/api/orders", SEED_ORDER.replace("margherita", "tartufo"));
        assertThat(unavailable.statusCode()).isEqualTo(400);

        HttpResponse<String> declined = post("/api/orders", SEED_ORDER.replace("\"cash\"", "\"declined-card\""));
        assertThat(declined.statusCode()).isEqualTo(400);

        HttpResponse<String> missing = get("/api/orders/no-such-order/status");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("detail").asString()).isEqualTo("Order 'no-such-order' was not found");

        HttpResponse<String> kitchen = get("/api/kitchen/queue");
        assertThat(kitchen.statusCode()).isEqualTo(401);
        assertThat(kitchen.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Mario's Pizzeria\"");
    }

    @Test
    void refusesWhatTheInventoryCannotServeAsThePizzeriaDoes() throws Exception {
        restock("base:funghi", 0);
        restock("topping:olives", 0);
        try {
            refusesFunghiAndOlives();
        } finally {
            jdbc.sql("delete from inventory_stock where ingredient in ('base:funghi', 'topping:olives')").update();
        }
    }

    private void refusesFunghiAndOlives() throws Exception {
        HttpResponse<String> funghi = post("/api/orders", SEED_ORDER.replace("margherita", "funghi").replace("extra_cheese", "basil"));
        assertThat(funghi.statusCode()).as(funghi.body()).isEqualTo(400);
        assertThat(JSON.readTree(funghi.body()).path("detail").asString()).isEqualTo("One or more pizzas are not available");
        HttpResponse<String> olives = post("/api/orders", SEED_ORDER.replace("extra_cheese", "olives"));
        assertThat(olives.statusCode()).as(olives.body()).isEqualTo(400);
        assertThat(JSON.readTree(olives.body()).path("detail").asString()).isEqualTo("One or more pizzas are not available");
        assertThat(jdbc.sql("select count(*) from orders o join order_items i using (order_id) where i.pizza_id = 'funghi' "
                + "or 'olives' = any(i.toppings)").query(Long.class).single()).isZero();

        JsonNode menu = JSON.readTree(get("/api/menu").body());
        assertThat(menu.path("pizzas").findValuesAsString("id")).doesNotContain("funghi");
        assertThat(menu.path("toppings").findValuesAsString("id")).doesNotContain("olives");
        JsonNode all = JSON.readTree(get("/api/menu?include_unavailable=true").body());
        assertThat(all.path("toppings").findValues("available")).hasSize(8);
        for (JsonNode pizza : all.path("pizzas")) {
            assertThat(pizza.path("available").asBoolean()).as(pizza.path("id").asString())
                    .isEqualTo(!pizza.path("id").asString().equals("funghi") && !pizza.path("id").asString().equals("tartufo"));
        }
    }

    private void restock(String ingredient, int units) {
        jdbc.sql("insert into inventory_stock (ingredient, on_hand, reserved, updated_at) values (?, ?, 0, now())")
                .params(ingredient, units).update();
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
