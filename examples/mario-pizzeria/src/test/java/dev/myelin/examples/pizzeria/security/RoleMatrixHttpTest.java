package dev.myelin.examples.pizzeria.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Every cell of the "Who may do what" matrix of {@code docs/pizzeria.md}, over real HTTP: the table is
 * read from that file, so the documentation and the test cannot drift apart. Each cell gets a fresh
 * order of its own customer ({@value #OWNER}, the "customer" column) in the state its request needs,
 * sends the request as its caller, and asserts the documented status; the order is then cleared out of the kitchen (cancelled or
 * made ready) so the kitchen's capacity is never reached.
 */
class RoleMatrixHttpTest extends PizzeriaHttpTest {

    /** The matrix's callers, in the table's column order. */
    private static final List<String> CALLERS = List.of("anonymous", "guest with token", "customer", "other customer",
            "chef", "driver", "manager");

    private static final String COOK = "{\"kitchen_staff_id\": \"mario\", \"estimated_cooking_time_minutes\": 10}";
    private static final String PIZZA = """
            {"name": "Matrix", "description": "Test", "category": "specialty", "base_price": 10.00,
             "preparation_time_minutes": 10, "seasonal": false, "available": true}""";
    private static final AtomicInteger PIZZAS = new AtomicInteger();

    /** How to send each row of the table: method, path and body; {id} and {pizza} are the fresh order and pizza. */
    private static final Map<String, Row> ROWS = Map.ofEntries(
            row("`GET /api/menu`", State.NONE, "GET", "/api/menu", null),
            row("`POST /api/menu/pizzas`", State.NONE, "POST", "/api/menu/pizzas", null),
            row("`PUT /api/menu/pizzas/{pizza}`", State.PIZZA, "PUT", "/api/menu/pizzas/{pizza}", PIZZA),
            row("`DELETE /api/menu/pizzas/{pizza}`", State.PIZZA, "DELETE", "/api/menu/pizzas/{pizza}", null),
            row("`POST /api/orders` (a guest's order)", State.NONE, "POST", "/api/orders", GUEST_ORDER),
            row("`GET /api/orders/{id}/status`", State.PENDING, "GET", "/api/orders/{id}/status", null),
            row("`GET /api/orders/{id}`", State.PENDING, "GET", "/api/orders/{id}", null),
            row("`POST /api/orders/{id}/payment` card", State.PENDING, "POST", "/api/orders/{id}/payment",
                    "{\"payment_method\": \"card\"}"),
            row("`POST /api/orders/{id}/payment` cash", State.PENDING, "POST", "/api/orders/{id}/payment",
                    "{\"payment_method\": \"cash\"}"),
            row("`POST /api/orders/{id}/cancel`", State.PENDING, "POST", "/api/orders/{id}/cancel", "{}"),
            row("`POST /api/orders/{id}/viewed`", State.PENDING, "POST", "/api/orders/{id}/viewed", null),
            row("`GET /api/orders`", State.NONE, "GET", "/api/orders", null),
            row("`GET /api/orders?customer_id={customer}`", State.NONE, "GET", "/api/orders?customer_id={customer}", null),
            row("`GET /api/orders/history?customer_id={customer}`", State.NONE, "GET",
                    "/api/orders/history?customer_id={customer}", null),
            row("`GET /api/notifications?customer_id={customer}`", State.NONE, "GET",
                    "/api/notifications?customer_id={customer}", null),
            row("`PUT /api/orders/{id}/confirm`", State.PENDING, "PUT", "/api/orders/{id}/confirm", null),
            row("`PUT /api/orders/{id}/cook`", State.PENDING, "PUT", "/api/orders/{id}/cook", COOK),
            row("`GET /api/kitchen/queue`", State.NONE, "GET", "/api/kitchen/queue", null),
            row("`GET /api/kitchen/notifications`", State.NONE, "GET", "/api/kitchen/notifications", null),
            row("`PUT /api/kitchen/orders/{id}/pizzas/0/ready` (cooking)", State.COOKING, "PUT",
                    "/api/kitchen/orders/{id}/pizzas/0/ready", null),
            row("`PUT /api/kitchen/orders/{id}/ready` (cooking)", State.COOKING, "PUT", "/api/kitchen/orders/{id}/ready",
                    null),
            row("`GET /api/delivery?status=ready`", State.NONE, "GET", "/api/delivery?status=ready", null),
            row("`GET /api/delivery?status=delivered&driver_id=luigi`", State.NONE, "GET",
                    "/api/delivery?status=delivered&driver_id=luigi", null),
            row("`PUT /api/delivery/{id}/assign` to themselves (ready)", State.READY, "PUT", "/api/delivery/{id}/assign",
                    "{\"driver_id\": \"{caller}\"}"),
            row("`PUT /api/delivery/{id}/assign` to luigi (ready)", State.READY, "PUT", "/api/delivery/{id}/assign",
                    "{\"driver_id\": \"luigi\"}"),
            row("`PUT /api/delivery/{id}/assign` to themselves (assigned to luigi)", State.ASSIGNED_TO_LUIGI, "PUT",
                    "/api/delivery/{id}/assign", "{\"driver_id\": \"{caller}\"}"),
            row("`PUT /api/delivery/{id}/out` (ready)", State.READY, "PUT", "/api/delivery/{id}/out", null),
            row("`PUT /api/delivery/{id}/delivered` (out with driver)", State.OUT, "PUT", "/api/delivery/{id}/delivered",
                    null),
            row("`GET /api/analytics/popular-pizzas`", State.NONE, "GET", "/api/analytics/popular-pizzas", null),
            row("`GET /api/inventory`", State.NONE, "GET", "/api/inventory", null),
            row("`POST /api/inventory/bases/{pizza}/restock`", State.PIZZA, "POST", "/api/inventory/bases/{pizza}/restock",
                    "{\"quantity\": 5}"),
            row("`GET /api/analytics/kitchen-performance`", State.NONE, "GET", "/api/analytics/kitchen-performance", null),
            row("`GET /api/analytics/customers`", State.NONE, "GET", "/api/analytics/customers", null));

    @Autowired
    InMemoryUserDetailsManager users;

    /** The customer of every fixture order: a user of its own, so other tests' lists of {@code customer} stay short. */
    private static final String OWNER = "matrix-customer";

    @BeforeEach
    void addTheCustomers() {
        for (String name : List.of(OWNER, "other-customer")) {
            if (!users.userExists(name)) {
                users.createUser(User.withUsername(name).password("{noop}" + name).roles("customer").build());
            }
        }
    }

    static Stream<Arguments> cells() throws IOException {
        List<Arguments> cells = new ArrayList<>();
        for (String[] columns : matrix()) {
            for (int i = 0; i < CALLERS.size(); i++) {
                cells.add(Arguments.of(columns[0], CALLERS.get(i), Integer.parseInt(columns[i + 1].trim())));
            }
        }
        return cells.stream();
    }

    @Test
    void everyRowOfTheDocumentedMatrixIsTested() throws IOException {
        List<String> documented = matrix().stream().map(columns -> columns[0]).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(ROWS.keySet());
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("cells")
    void eachCallerGetsTheDocumentedStatus(String endpoint, String caller, int expected) {
        Row row = ROWS.get(endpoint);
        assertThat(row).as("no request for the documented row " + endpoint).isNotNull();
        Fixture fixture = prepare(row.state());
        String user = switch (caller) {
            case "anonymous", "guest with token" -> null;
            case "customer" -> OWNER;
            case "other customer" -> "other-customer";
            default -> caller;
        };
        String path = row.path().replace("{id}", fixture.orderId()).replace("{pizza}", fixture.pizzaId())
                .replace("{customer}", OWNER);
        String body = row.body() == null ? null : row.body().replace("{caller}", String.valueOf(user));
        if (row.method().equals("POST") && row.path().equals("/api/menu/pizzas")) {
            body = "{\"pizza_id\": \"matrix-new-" + PIZZAS.incrementAndGet() + "\", " + PIZZA.substring(1);
        }
        Http.Response response = send(row.method(), path, body, user,
                caller.equals("guest with token") ? fixture.token() : null);

        assertThat(response.status()).as(endpoint + " as " + caller + ": " + response.text()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        clearKitchen(fixture.orderId());
        if (response.status() == 201 && response.json().has("order_id")) {
            clearKitchen(response.text("order_id"));
        }
    }

    private Http.Response send(String method, String path, String body, String user, String token) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base() + path))
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Accept", "application/json, application/problem+json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", Http.basic(user));
        }
        if (token != null) {
            request.header("X-Order-Token", token);
        }
        return http.exchange(request.build());
    }

    /** A fresh order of {@code customer} (and a fresh pizza) in the state a row needs. */
    private Fixture prepare(State state) {
        Http.Response placed = http.post("/api/orders", """
                {"customer_name": "Matrix", "customer_phone": "+39 06 1234 5678", "customer_address": "Via Roma 1",
                 "payment_method": "cash", "pizza_items": [{"pizza_id": "margherita", "size": "small"}]}
                """, OWNER);
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        String id = placed.text("order_id");
        String pizza = "matrix-" + PIZZAS.incrementAndGet();
        if (state == State.PIZZA) {
            Http.Response added = http.post("/api/menu/pizzas", "{\"pizza_id\": \"" + pizza + "\", " + PIZZA.substring(1),
                    "manager");
            assertThat(added.status()).as(added.text()).isEqualTo(201);
        }
        if (state.ordinal() >= State.COOKING.ordinal()) {
            expectOk(http.put("/api/orders/" + id + "/cook", COOK, "manager"));
        }
        if (state.ordinal() >= State.READY.ordinal()) {
            expectOk(http.put("/api/kitchen/orders/" + id + "/ready", null, "manager"));
        }
        if (state == State.ASSIGNED_TO_LUIGI) {
            expectOk(http.put("/api/delivery/" + id + "/assign", "{\"driver_id\": \"luigi\"}", "manager"));
        }
        if (state == State.OUT) {
            expectOk(http.put("/api/delivery/" + id + "/out", null, "driver"));
        }
        return new Fixture(id, placed.text("order_token"), pizza);
    }

    private static void expectOk(Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    /** Cancels a fixture order still waiting for the kitchen, or finishes one cooking, so capacity is never reached. */
    private void clearKitchen(String orderId) {
        String status = http.get("/api/orders/" + orderId + "/status").text("status");
        if (status.equals("pending") || status.equals("confirmed")) {
            http.post("/api/orders/" + orderId + "/cancel", "{}", "manager");
        } else if (status.equals("cooking")) {
            http.put("/api/kitchen/orders/" + orderId + "/ready", null, "manager");
        }
    }

    /** The rows of the matrix in docs/pizzeria.md: endpoint, then one status per caller. */
    private static List<String[]> matrix() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../../docs/pizzeria.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("### Who may do what");
        assertThat(start).as("docs/pizzeria.md has the matrix").isNotNegative();
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("#") && !line.equals("### Who may do what")) {
                break;
            }
            if (line.startsWith("| `")) {
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
                assertThat(cells).as(line).hasSize(CALLERS.size() + 1);
                cells[0] = cells[0].trim();
                rows.add(cells);
            }
        }
        return rows;
    }

    private static Map.Entry<String, Row> row(String endpoint, State state, String method, String path, String body) {
        return Map.entry(endpoint, new Row(state, method, path, body));
    }

    /** What a row needs before its request. */
    private enum State { NONE, PIZZA, PENDING, COOKING, READY, ASSIGNED_TO_LUIGI, OUT }

    private record Row(State state, String method, String path, String body) {
    }

    private record Fixture(String orderId, String token, String pizzaId) {
    }
}
