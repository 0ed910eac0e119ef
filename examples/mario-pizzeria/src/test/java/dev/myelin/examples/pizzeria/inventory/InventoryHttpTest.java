package dev.myelin.examples.pizzeria.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The inventory over real HTTP on the embedded database: reserved when an order is placed, released once
 * when it is cancelled, consumed when cooking starts; out of stock on the menu and refused with the seed's
 * 400; restocked by managers only; never oversold under concurrent orders. Each test counts a pizza of its
 * own (the database is shared with the other HTTP tests, whose house pizzas stay uncounted).
 */
class InventoryHttpTest extends PizzeriaHttpTest {

    private static final String NOT_AVAILABLE = "One or more pizzas are not available";
    private static final String COOK = "{\"kitchen_staff_id\": \"mario\", \"estimated_cooking_time_minutes\": 10}";
    private static final AtomicInteger PIZZAS = new AtomicInteger();

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOrderReservesItsCancellationReleasesOnceAndCookingConsumes() {
        String pizza = newPizza();
        Http.Response restocked = restock("bases", pizza, 3, "manager");
        assertThat(restocked.status()).as(restocked.text()).isEqualTo(200);
        assertThat(restocked.json().path("on_hand").asInt()).isEqualTo(3);
        assertThat(restocked.json().path("free").asInt()).isEqualTo(3);

        String first = placed(orderOf("stock-a", pizza));
        assertLevel("base:" + pizza, 3, 1);
        String second = placed(orderOf("stock-a", pizza));
        assertLevel("base:" + pizza, 3, 2);

        assertThat(http.post("/api/orders/" + first + "/cancel", "{}", "manager").status()).isEqualTo(200);
        assertLevel("base:" + pizza, 3, 1);
        assertThat(http.post("/api/orders/" + first + "/cancel", "{}", "manager").status()).isEqualTo(409);
        assertLevel("base:" + pizza, 3, 1);

        assertThat(http.put("/api/orders/" + second + "/cook", COOK, "chef").status()).isEqualTo(200);
        assertLevel("base:" + pizza, 2, 0);
        assertThat(http.put("/api/orders/" + second + "/cook", COOK, "chef").status()).isEqualTo(409);
        assertLevel("base:" + pizza, 2, 0);

        assertThat(eventTypes("StockReservation-" + first)).containsExactly("StockReserved", "StockReleased");
        assertThat(eventTypes("StockReservation-" + second)).containsExactly("StockReserved", "StockConsumed");
        assertThat(eventTypes("Ingredient-base:" + pizza)).containsExactly("IngredientRestocked");
        assertThat(stockRow("base:" + pizza)).containsExactly(2, 0);
    }

    @Test
    void theLastUnitTakenTheMenuShowsThePizzaUnavailableAndPlacingItIs400() {
        String pizza = newPizza();
        assertThat(restock("bases", pizza, 1, "manager").status()).isEqualTo(200);
        assertThat(menuPizza(http.get("/api/menu").json(), pizza).path("available").asBoolean()).isTrue();

        String first = placed(orderOf("stock-b", pizza));

        assertThat(menuPizza(http.get("/api/menu").json(), pizza).isMissingNode()).as("hidden once out of stock").isTrue();
        JsonNode listed = menuPizza(http.get("/api/menu?include_unavailable=true").json(), pizza);
        assertThat(listed.path("available").asBoolean(true)).isFalse();
        Http.Response refused = place(orderOf("stock-b", pizza));
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.text("detail")).isEqualTo(NOT_AVAILABLE);
        assertThat(http.get("/api/orders?customer_id=stock-b", "manager").json().path("total_items").asLong()).isEqualTo(1);
        assertLevel("base:" + pizza, 1, 1);

        assertThat(http.post("/api/orders/" + first + "/cancel", "{}", "manager").status()).isEqualTo(200);
        assertThat(menuPizza(http.get("/api/menu").json(), pizza).path("available").asBoolean()).as("back once released")
                .isTrue();
        placed(orderOf("stock-b", pizza));
    }

    @Test
    void aToppingOutOfStockIsUnavailableOnTheMenuAndPlacingItIs400() {
        assertThat(restock("toppings", "onions", 1, "manager").status()).isEqualTo(200);
        String withOnions = """
                {"customer_id": "stock-c", "customer_name": "Cipolla", "customer_phone": "+39 06 1234 5678",
                 "customer_address": "Via Roma 1", "payment_method": "cash",
                 "pizza_items": [{"pizza_id": "marinara", "size": "small", "toppings": ["onions"]}]}
                """;
        String first = placed(withOnions);
        try {
            JsonNode menu = http.get("/api/menu").json();
            assertThat(menu.path("toppings").findValuesAsString("id")).contains("olives").doesNotContain("onions");
            assertThat(menuPizza(menu, "marinara").path("available_toppings").valueStream().map(JsonNode::asString))
                    .contains("olives").doesNotContain("onions");
            JsonNode all = http.get("/api/menu?include_unavailable=true").json();
            assertThat(all.path("toppings").valueStream().filter(t -> t.path("id").asString().equals("onions"))
                    .map(t -> t.path("available").asBoolean(true))).containsExactly(false);

            Http.Response refused = place(withOnions);
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.text("detail")).isEqualTo(NOT_AVAILABLE);
        } finally {
            assertThat(http.post("/api/orders/" + first + "/cancel", "{}", "manager").status()).isEqualTo(200);
            // Onions stay counted for the rest of the shared database's tests: plenty of them.
            assertThat(restock("toppings", "onions", 10_000, "manager").status()).isEqualTo(200);
        }
        assertThat(http.get("/api/menu").json().path("toppings").findValuesAsString("id")).contains("onions");
    }

    @Test
    void onlyManagersRestockAndStaffReadTheStock() {
        String pizza = newPizza();
        assertThat(restockAs(pizza, null).status()).isEqualTo(401);
        for (String caller : List.of("customer", "chef", "driver")) {
            Http.Response refused = restockAs(pizza, caller);
            assertThat(refused.status()).as(caller).isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(http.get("/api/inventory", "manager").json().path("ingredients").findValuesAsString("ingredient"))
                .doesNotContain("base:" + pizza);

        Http.Response unknown = restock("bases", "no-such-pizza", 5, "manager");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("detail")).contains("no-such-pizza");
        assertThat(restock("toppings", "no-such-topping", 5, "manager").status()).isEqualTo(404);
        Http.Response zero = restock("bases", pizza, 0, "manager");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("errors").has("quantity")).as(zero.text()).isTrue();
        Http.Response none = http.post("/api/inventory/bases/" + pizza + "/restock", "{}", "manager");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("errors").has("quantity")).as(none.text()).isTrue();
        assertThat(stockRow("base:" + pizza)).as("nothing stored by a refused restock").isEmpty();

        assertThat(restockAs(pizza, "manager").status()).isEqualTo(200);
        assertThat(http.get("/api/inventory", "chef").status()).isEqualTo(200);
        assertThat(http.get("/api/inventory", "driver").status()).isEqualTo(403);
        assertThat(http.get("/api/inventory", "customer").status()).isEqualTo(403);
        assertThat(http.get("/api/inventory").status()).isEqualTo(401);
        assertLevel("base:" + pizza, 5, 0);
    }

    @Test
    void twentyConcurrentOrdersForTheLastFiveUnitsSellExactlyFive() throws Exception {
        String pizza = newPizza();
        assertThat(restock("bases", pizza, 5, "manager").status()).isEqualTo(200);
        int orders = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(orders);
        List<Future<Http.Response>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < orders; i++) {
                Callable<Http.Response> order = () -> {
                    start.await();
                    return http.post("/api/orders", orderOf(null, pizza));
                };
                responses.add(pool.submit(order));
            }
            start.countDown();
            List<String> placed = new ArrayList<>();
            int refused = 0;
            for (Future<Http.Response> future : responses) {
                Http.Response response = future.get(60, TimeUnit.SECONDS);
                if (response.status() == 201) {
                    placed.add(response.text("order_id"));
                } else {
                    assertThat(response.status()).as(response.text()).isEqualTo(400);
                    assertThat(response.text("detail")).isEqualTo(NOT_AVAILABLE);
                    refused++;
                }
            }
            assertThat(placed).hasSize(5);
            assertThat(refused).isEqualTo(15);
            assertThat(stockRow("base:" + pizza)).containsExactly(5, 5);
            assertLevel("base:" + pizza, 5, 5);
            assertThat(jdbc.sql("select count(*) from order_summaries where order_id in (:ids)").param("ids", placed)
                    .query(Long.class).single()).isEqualTo(5);
            for (String id : placed) {
                assertThat(http.put("/api/orders/" + id + "/cook", COOK, "chef").status()).isEqualTo(200);
                assertThat(http.put("/api/kitchen/orders/" + id + "/ready", null, "chef").status()).isEqualTo(200);
            }
            assertThat(stockRow("base:" + pizza)).as("all five cooked: none left, none negative").containsExactly(0, 0);
            assertLevel("base:" + pizza, 0, 0);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCancellationsAndCookingReleaseOrConsumeExactlyOnce() throws Exception {
        String pizza = newPizza();
        assertThat(restock("bases", pizza, 10, "manager").status()).isEqualTo(200);

        String cancelled = placed(orderOf("stock-d", pizza));
        List<Integer> cancels = concurrently(8, () -> http.post("/api/orders/" + cancelled + "/cancel", "{}", "manager"));
        assertThat(cancels).as("one cancellation wins").containsOnly(200, 409).containsOnlyOnce(200);
        assertThat(stockRow("base:" + pizza)).containsExactly(10, 0);
        assertThat(eventTypes("StockReservation-" + cancelled)).containsExactly("StockReserved", "StockReleased");

        int onHand = 10;
        for (int i = 0; i < 5; i++) {
            String raced = placed(orderOf("stock-d", pizza));
            List<Integer> race = concurrently(2, List.of(() -> http.post("/api/orders/" + raced + "/cancel", "{}", "manager"),
                    () -> http.put("/api/orders/" + raced + "/cook", COOK, "chef")));
            assertThat(race).as("cancel or cook, not both, never a deadlock's 500").containsExactlyInAnyOrder(200, 409);
            List<String> events = eventTypes("StockReservation-" + raced);
            assertThat(events).hasSize(2).startsWith("StockReserved");
            if (events.get(1).equals("StockConsumed")) {
                onHand--;
                assertThat(http.put("/api/kitchen/orders/" + raced + "/ready", null, "chef").status()).isEqualTo(200);
            }
            assertThat(stockRow("base:" + pizza)).as(events.toString()).containsExactly(onHand, 0);
        }
    }

    /** Sends the same request from several threads at once; their statuses. */
    private static List<Integer> concurrently(int times, Callable<Http.Response> request) throws Exception {
        List<Callable<Http.Response>> requests = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            requests.add(request);
        }
        return concurrently(times, requests);
    }

    /** Sends requests from one thread each, released together; their statuses, in order. */
    private static List<Integer> concurrently(int threads, List<Callable<Http.Response>> requests) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (Callable<Http.Response> request : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                statuses.add(future.get(60, TimeUnit.SECONDS).status());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private String newPizza() {
        String id = "stocked-" + PIZZAS.incrementAndGet();
        Http.Response added = http.post("/api/menu/pizzas", """
                {"pizza_id": "%s", "name": "Stocked %s", "description": "Counted", "category": "specialty",
                 "base_price": 10.00, "preparation_time_minutes": 10, "seasonal": false, "available": true}
                """.formatted(id, id), "manager");
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        return id;
    }

    private Http.Response restock(String kind, String id, int quantity, String user) {
        return http.post("/api/inventory/" + kind + "/" + id + "/restock", "{\"quantity\": " + quantity + "}", user);
    }

    private Http.Response restockAs(String pizza, String user) {
        String path = "/api/inventory/bases/" + pizza + "/restock";
        return user == null ? http.post(path, "{\"quantity\": 5}") : http.post(path, "{\"quantity\": 5}", user);
    }

    private String placed(String body) {
        Http.Response response = place(body);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.text("order_id");
    }

    private static String orderOf(String customerId, String pizza) {
        return """
                {%s"customer_name": "Stock", "customer_phone": "+39 06 1234 5678", "customer_address": "Via Roma 1",
                 "payment_method": "cash", "pizza_items": [{"pizza_id": "%s", "size": "medium"}]}
                """.formatted(customerId == null ? "" : "\"customer_id\": \"" + customerId + "\", ", pizza);
    }

    private static JsonNode menuPizza(JsonNode menu, String pizza) {
        return menu.path("pizzas").valueStream().filter(item -> item.path("id").asString().equals(pizza)).findFirst()
                .orElse(tools.jackson.databind.node.MissingNode.getInstance());
    }

    /** The level GET /api/inventory shows (the read model). */
    private void assertLevel(String ingredient, int onHand, int reserved) {
        JsonNode level = http.get("/api/inventory", "manager").json().path("ingredients").valueStream()
                .filter(item -> item.path("ingredient").asString().equals(ingredient)).findFirst().orElseThrow();
        assertThat(List.of(level.path("on_hand").asInt(), level.path("reserved").asInt(), level.path("free").asInt()))
                .as(ingredient).containsExactly(onHand, reserved, onHand - reserved);
    }

    /** The stock row (the write side): on hand, reserved; empty when not counted. */
    private List<Integer> stockRow(String ingredient) {
        return jdbc.sql("select on_hand, reserved from inventory_stock where ingredient = :id").param("id", ingredient)
                .query((row, n) -> List.of(row.getInt(1), row.getInt(2))).optional().orElse(List.of());
    }

    private List<String> eventTypes(String stream) {
        return jdbc.sql("select type from myelin.events where stream_id = :stream order by stream_version")
                .param("stream", stream).query(String.class).list();
    }
}
