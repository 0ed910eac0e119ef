package dev.myelin.examples.pizzeria.security;

import static dev.myelin.examples.pizzeria.testsupport.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Principal;
import dev.myelin.core.RequestContext;
import dev.myelin.examples.pizzeria.kitchen.GetKitchenQueue;
import dev.myelin.examples.pizzeria.orders.kitchen.StartCooking;
import dev.myelin.examples.pizzeria.orders.read.GetOrders;
import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Authorization per role over real HTTP: staff endpoints refuse anonymous callers (401) and customers
 * (403) with problem responses, each staff role reaches its own endpoints, guests order and read a
 * status, customers see only their own orders, and the API takes no CSRF token while the login form
 * requires one.
 */
class SecurityHttpTest extends PizzeriaHttpTest {

    /** Staff endpoints: method, path, body. Each needs chef, driver or manager. */
    private static final List<String[]> STAFF_ENDPOINTS = List.of(
            new String[] {"GET", "/api/kitchen/queue", null},
            new String[] {"PUT", "/api/kitchen/orders/some-order/ready", null},
            new String[] {"GET", "/api/delivery", null},
            new String[] {"PUT", "/api/delivery/some-order/assign", "{\"driver_id\": \"d1\"}"},
            new String[] {"PUT", "/api/orders/some-order/cook", "{\"kitchen_staff_id\": \"c1\", \"estimated_cooking_time_minutes\": 10}"},
            new String[] {"PUT", "/api/orders/some-order/confirm", null},
            new String[] {"POST", "/api/menu/pizzas", "{\"id\": \"x\"}"},
            new String[] {"PUT", "/api/menu/pizzas/margherita", "{\"name\": \"x\"}"},
            new String[] {"DELETE", "/api/menu/pizzas/margherita", null});

    @Autowired
    Mediator mediator;

    @Test
    void anonymousCallersOfStaffEndpointsGetA401ProblemWithABasicChallenge() {
        for (String[] endpoint : STAFF_ENDPOINTS) {
            Http.Response response = http.send(endpoint[0], endpoint[1], endpoint[2], null);
            assertThat(response.isProblem(401)).as(endpoint[0] + " " + endpoint[1] + ": " + response.text()).isTrue();
            assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
            assertThat(response.json().path("instance").asString()).isEqualTo(endpoint[1]);
        }
    }

    @Test
    void customersCallingStaffEndpointsGetA403Problem() {
        for (String[] endpoint : STAFF_ENDPOINTS) {
            Http.Response response = http.send(endpoint[0], endpoint[1], endpoint[2], basic("customer"));
            assertThat(response.isProblem(403)).as(endpoint[0] + " " + endpoint[1] + ": " + response.text()).isTrue();
        }
    }

    @Test
    void aWrongPasswordGetsA401ProblemAndNeverTheResource() {
        Http.Response response = http.send("GET", "/api/kitchen/queue", null, basic("chef", "not-chef"));
        assertThat(response.isProblem(401)).isTrue();
        assertThat(response.json().path("detail").asString()).isEqualTo("The credentials are not valid");
    }

    @Test
    void eachStaffRoleReachesItsOwnEndpointsAndOnlyThose() {
        assertThat(http.send("GET", "/api/kitchen/queue", null, basic("chef")).status()).isEqualTo(200);
        assertThat(http.send("GET", "/api/delivery", null, basic("chef")).isProblem(403)).isTrue();
        assertThat(http.send("GET", "/api/delivery", null, basic("driver")).status()).isEqualTo(200);
        assertThat(http.send("GET", "/api/kitchen/queue", null, basic("driver")).isProblem(403)).isTrue();
        assertThat(http.send("DELETE", "/api/menu/pizzas/no-such-pizza", null, basic("chef")).isProblem(403)).isTrue();
        assertThat(http.send("GET", "/api/kitchen/queue", null, basic("manager")).status()).isEqualTo(200);
        assertThat(http.send("GET", "/api/delivery", null, basic("manager")).status()).isEqualTo(200);
    }

    @Test
    void theMediatorRefusesStaffCommandsToACustomerWhateverTheUrlRules() {
        try (RequestContext.Scope scope = RequestContext.builder().principal(Principal.of("customer", "customer")).build()
                .bind()) {
            OperationResult<?> cook = mediator.send(new StartCooking("some-order", "c1", 10));
            OperationResult<?> queue = mediator.send(new GetKitchenQueue(null));
            assertThat(cook.status()).isEqualTo(403);
            assertThat(queue.status()).isEqualTo(403);
        }
        OperationResult<?> anonymous = mediator.send(new GetOrders(null, null, 1, 20));
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void aGuestPlacesTheSeedsOrderAndAnyoneReadsItsStatus() {
        Http.Response placed = http.send("POST", "/api/orders", GUEST_ORDER, null);
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        String orderId = placed.json().path("order_id").asString();

        Http.Response status = http.send("GET", "/api/orders/" + orderId + "/status", null, null);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("status").asString()).isEqualTo("pending");
        assertThat(status.json().path("customer_name").asString()).isEqualTo("John Doe");
    }

    @Test
    void aGuestOrACustomerCannotFileAnOrderUnderAnotherCustomersId() {
        Http.Response guest = http.send("POST", "/api/orders", order("alice"), null);
        Http.Response customer = http.send("POST", "/api/orders", order("alice"), basic("customer"));
        assertThat(guest.isProblem(403)).as(guest.text()).isTrue();
        assertThat(guest.json().path("detail").asString()).startsWith("customer_id");
        assertThat(customer.isProblem(403)).as(customer.text()).isTrue();
        assertThat(http.send("GET", "/api/orders?customer_id=alice", null, basic("manager")).json().path("items")
                .size()).isZero();
    }

    @Test
    void customersListOnlyTheirOwnOrdersWhileStaffListAnyones() {
        String own = http.send("POST", "/api/orders", order(null), basic("customer")).json().path("order_id").asString();
        String alices = http.send("POST", "/api/orders", order("alice"), basic("manager")).json().path("order_id").asString();

        Http.Response mine = http.send("GET", "/api/orders", null, basic("customer"));
        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        assertThat(ids(mine.json())).contains(own).doesNotContain(alices);
        assertThat(customerIds(mine.json())).containsOnly("customer");

        assertThat(http.send("GET", "/api/orders?customer_id=alice", null, basic("customer")).isProblem(403)).isTrue();
        assertThat(http.send("GET", "/api/orders/history?customer_id=alice", null, basic("customer")).isProblem(403))
                .isTrue();
        assertThat(http.send("GET", "/api/orders/history?customer_id=customer", null, basic("customer")).status())
                .isEqualTo(200);
        Http.Response ownHistory = http.send("GET", "/api/orders/history", null, basic("customer"));
        assertThat(ownHistory.status()).as(ownHistory.text()).isEqualTo(200);
        assertThat(ownHistory.json().path("customer_id").asString()).isEqualTo("customer");
        Http.Response staffWithoutId = http.send("GET", "/api/orders/history", null, basic("manager"));
        assertThat(staffWithoutId.isProblem(400)).as(staffWithoutId.text()).isTrue();
        assertThat(staffWithoutId.json().path("errors").has("customer_id")).isTrue();
        assertThat(http.send("GET", "/api/notifications", null, basic("customer")).status()).isEqualTo(200);
        assertThat(http.send("GET", "/api/notifications?customer_id=alice", null, basic("customer")).isProblem(403))
                .isTrue();
        assertThat(ids(http.send("GET", "/api/orders?customer_id=alice", null, basic("chef")).json())).contains(alices);

        assertThat(http.send("GET", "/api/orders/" + own, null, basic("customer")).status()).isEqualTo(200);
        Http.Response others = http.send("GET", "/api/orders/" + alices, null, basic("customer"));
        assertThat(others.isProblem(404)).as(others.text()).isTrue();
        assertThat(http.send("GET", "/api/orders/" + alices, null, basic("manager")).status()).isEqualTo(200);
    }

    @Test
    void anonymousCallersCannotListOrReadOrderDetails() {
        assertThat(http.send("GET", "/api/orders", null, null).isProblem(401)).isTrue();
        assertThat(http.send("GET", "/api/orders/history?customer_id=customer", null, null).isProblem(401)).isTrue();
        assertThat(http.send("GET", "/api/orders/some-order", null, null).isProblem(401)).isTrue();
        assertThat(http.send("GET", "/api/notifications?customer_id=customer", null, null).isProblem(401)).isTrue();
    }

    @Test
    void theApiTakesNoCsrfTokenButTheLoginFormRequiresOne() {
        Http.Response api = http.send("POST", "/api/orders", GUEST_ORDER, basic("customer"));
        assertThat(api.status()).as(api.text()).isEqualTo(201);
        assertThat(api.header("Set-Cookie")).doesNotContain("JSESSIONID");

        Http.Response login = http.exchange(HttpRequest.newBuilder(URI.create(http.base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=chef&password=chef")).build());
        assertThat(login.status()).isEqualTo(403);
    }

    private static String order(String customerId) {
        String id = customerId == null ? "" : "\"customer_id\": \"" + customerId + "\", ";
        return "{" + id + """
                "customer_name": "Alice Example", "customer_phone": "+39 06 1234 5678",
                "customer_address": "Via Roma 1", "payment_method": "cash",
                "pizza_items": [{"pizza_id": "margherita", "size": "medium"}]}
                """;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("order_id").asString()));
        return ids;
    }

    private static List<String> customerIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("customer_id").asString()));
        return ids;
    }
}
