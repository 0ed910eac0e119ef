package dev.myelin.examples.pizzeria.web;

import static dev.myelin.examples.pizzeria.testsupport.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import dev.myelin.examples.pizzeria.testsupport.RawHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Input PostgreSQL cannot store and JSON looser than the contract, over real HTTP: a NUL character
 * ({@code \u0000}) anywhere (JSON strings and keys, nested ones too, query parameters, path variables, headers)
 * is a 400 problem naming the field where there is one; a number for a string, an enum in another
 * case, a duplicate key are 400s naming the field; a {@code Content-Type} pattern ({@code *}{@code /*}) is
 * a 415. Nothing is stored in any case (the number of orders is the same before and after).
 */
class HostileInputHttpTest extends PizzeriaHttpTest {

    private static final String NUL = "\\u0000";

    @LocalServerPort
    private int port;

    @Test
    void aNulInAnyJsonStringIsA400NamingTheField() {
        assertField(refused(order("\"customer_name\": \"Ann" + NUL + "\""), 400), "customer_name",
                "must not contain NUL characters");
        assertField(refused(order("\"customer_address\": \"" + NUL + "\""), 400), "customer_address",
                "must not contain NUL characters");
        assertField(refused(order(pizzas("{\"pizza_id\": \"margherita\", \"size\": \"large\", "
                + "\"special_instructions\": \"crispy" + NUL + "\"}")), 400), "pizza_items[0].special_instructions",
                "must not contain NUL characters");
        assertField(refused(order(pizzas(MARGHERITA, "{\"pizza_id\": \"margherita\", \"size\": \"large\", "
                + "\"toppings\": [\"extra_cheese" + NUL + "\"]}")), 400), "pizza_items[1].toppings[0]",
                "must not contain NUL characters");
    }

    /** A key is read by no string deserializer (an unknown one is ignored): the body's screening refuses it. */
    @Test
    void aNulInAnyJsonKeyIsA400NamingIt() {
        assertField(refused(order(pizzas("{\"pizza_id\": \"margherita\", \"size\": \"large\", "
                + "\"note" + NUL + "\": \"crispy\"}")), 400), "pizza_items[0].note\\0",
                "must not contain NUL characters");
    }

    @Test
    void aNulInAQueryParameterIsA400NamingIt() {
        Http.Response orders = http.send("GET", "/api/orders?customer_id=ann%00", null, basic("manager"));
        assertThat(orders.isProblem(400)).as(orders.text()).isTrue();
        assertThat(orders.json().path("errors").path("customer_id").get(0).asString())
                .isEqualTo("must not contain NUL characters");
        Http.Response menu = http.get("/api/menu?category=%00pizza");
        assertThat(menu.isProblem(400)).as(menu.text()).isTrue();
        assertThat(menu.json().path("errors").has("category")).as(menu.text()).isTrue();
    }

    @Test
    void aNulInAPathVariableIsA400Problem() {
        Http.Response status = http.get("/api/orders/abc%00def/status");
        assertThat(status.isProblem(400)).as(status.status() + " " + status.text()).isTrue();
    }

    @Test
    void aNulInAHeaderTheAppReadsIsA400Problem() {
        long before = orderCount();
        String body = order(pizzas(MARGHERITA));
        RawHttp.Response response = RawHttp.sendWithBody(port, "POST /api/orders HTTP/1.1", body,
                "Content-Type: application/json", "X-Tenant-ID: pizzeria\0evil");
        assertThat(response.isProblem(400)).as(response.status() + " " + response.body()).isTrue();
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void aNumberWhereAStringBelongsIsA400NamingTheField() {
        assertField(refused(order("\"customer_name\": 123"), 400), "customer_name", "must be a string");
        assertField(refused(order("\"customer_phone\": 3906123456789"), 400), "customer_phone", "must be a string");
        assertField(refused(order(pizzas("{\"pizza_id\": \"margherita\", \"size\": \"large\", "
                + "\"special_instructions\": true}")), 400), "pizza_items[0].special_instructions", "must be a string");
    }

    @Test
    void anEnumInAnotherCaseIsA400NamingTheFieldAndTheValues() {
        assertField(refused(order(pizzas("{\"pizza_id\": \"margherita\", \"size\": \"LARGE\"}")), 400),
                "pizza_items[0].size", "must be one of small, medium, large");
    }

    @Test
    void aDuplicateKeyIsA400NamingTheField() {
        assertField(refused(order("\"customer_name\": \"Ann\", \"customer_name\": \"Bob\""), 400), "customer_name",
                "appears more than once");
        assertField(refused(order(pizzas("{\"pizza_id\": \"margherita\", \"size\": \"large\", \"size\": \"small\"}")),
                400), "pizza_items[0].size", "appears more than once");
    }

    @Test
    void aContentTypePatternOnAPostIsA415() {
        long before = orderCount();
        for (String type : new String[] {"*/*", "application/*", "application/json; charset=klingon", "json"}) {
            Http.Response response = http.exchange(HttpRequest.newBuilder(URI.create(http.base() + "/api/orders"))
                    .header("Content-Type", type).header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(GUEST_ORDER)).build());
            assertThat(response.isProblem(415)).as(type + ": " + response.status() + " " + response.text()).isTrue();
        }
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void anUnreadableAcceptIsA406Problem() {
        Http.Response response = http.exchange(HttpRequest.newBuilder(URI.create(http.base() + "/api/menu"))
                .header("Accept", ";;").GET().build());
        assertThat(response.isProblem(406)).as(response.status() + " " + response.text()).isTrue();
    }

    private static final String MARGHERITA = "{\"pizza_id\": \"margherita\", \"size\": \"large\"}";

    /** Sends a bad order as a guest: expects the status as a problem and no new order. */
    private Http.Response refused(String body, int status) {
        long before = orderCount();
        Http.Response response = http.send("POST", "/api/orders", body, null);
        assertThat(response.isProblem(status)).as(response.status() + " " + response.text()).isTrue();
        assertThat(orderCount()).isEqualTo(before);
        return response;
    }

    private long orderCount() {
        Http.Response page = http.send("GET", "/api/orders?page_size=1", null, basic("manager"));
        assertThat(page.status()).isEqualTo(200);
        return page.json().path("total_items").asLong();
    }

    private static void assertField(Http.Response response, String field, String message) {
        assertThat(response.json().path("errors").path(field).toString()).as(response.text()).contains(message);
    }

    /** A valid order's fields around {@code fields}, which may replace any of them. */
    private static String order(String fields) {
        StringBuilder body = new StringBuilder("{").append(fields);
        appendUnless(body, fields, "customer_name", "\"customer_name\": \"Ann\"");
        appendUnless(body, fields, "customer_phone", "\"customer_phone\": \"+39 06 1234 5678\"");
        appendUnless(body, fields, "customer_address", "\"customer_address\": \"Via Roma 1\"");
        appendUnless(body, fields, "pizza_items", "\"pizza_items\": [" + MARGHERITA + "]");
        appendUnless(body, fields, "payment_method", "\"payment_method\": \"cash\"");
        return body.append("}").toString();
    }

    private static void appendUnless(StringBuilder body, String fields, String name, String field) {
        if (!fields.contains("\"" + name + "\"")) {
            body.append(body.length() > 1 ? ", " : "").append(field);
        }
    }

    private static String pizzas(String... items) {
        return "\"pizza_items\": [" + String.join(", ", items) + "]";
    }
}
