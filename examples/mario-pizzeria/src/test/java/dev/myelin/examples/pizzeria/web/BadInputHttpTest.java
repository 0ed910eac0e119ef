package dev.myelin.examples.pizzeria.web;

import static dev.myelin.examples.pizzeria.testsupport.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bad input over real HTTP, for {@code POST /api/orders} (a guest's command) and
 * {@code PUT /api/orders/{id}/cook} (a chef's): each case gets a 4xx
 * {@code application/problem+json} naming the field where there is one, nothing is stored (the
 * number of orders is the same before and after), and never a 500. Strings with SQL or HTML are
 * data: stored and returned verbatim as JSON, never executed.
 */
class BadInputHttpTest extends PizzeriaHttpTest {

    @Test
    void malformedJsonIsA400NamingTheLineAndColumn() {
        Http.Response response = refused("{\"customer_name\": \"Ann\", \"pizza_items\": [", 400);
        assertThat(response.json().path("detail").asString()).startsWith("Malformed JSON");
    }

    @Test
    void aValueOfTheWrongTypeIsA400NamingTheField() {
        assertField(refused(order("\"pizza_items\": \"margherita\""), 400), "pizza_items");
        assertField(refused(order("\"pizza_items\": [{\"pizza_id\": \"margherita\", \"size\": \"large\", "
                + "\"toppings\": {\"name\": \"extra_cheese\"}}]"), 400), "pizza_items[0].toppings");
        assertField(refused(order("\"pizza_items\": [{\"pizza_id\": [\"margherita\"], \"size\": \"large\"}]"), 400),
                "pizza_items[0].pizza_id");
    }

    @Test
    void missingFieldsAreA400NamingEachOne() {
        Http.Response response = refused("{}", 400);
        JsonNode errors = response.json().path("errors");
        assertThat(errors.has("customer_name")).as(response.text()).isTrue();
        assertThat(errors.has("customer_phone")).isTrue();
        assertThat(errors.has("customer_address")).isTrue();
        assertThat(errors.has("pizza_items")).isTrue();
        assertThat(errors.has("payment_method")).isTrue();
        assertField(refused(order(pizzas("{\"size\": \"large\"}")), 400), "pizza_items[0].pizza_id");
        assertField(refused(order(pizzas("{\"pizza_id\": \"margherita\"}")), 400), "pizza_items[0].size");
    }

    @Test
    void anUnknownSizeIsA400NamingTheField() {
        Http.Response response = refused(order(pizzas("{\"pizza_id\": \"margherita\", \"size\": \"gigantic\"}")), 400);
        assertField(response, "pizza_items[0].size");
        assertThat(response.json().path("errors").path("pizza_items[0].size").get(0).asString())
                .isEqualTo("must be one of small, medium, large");
    }

    @Test
    void anUnknownPizzaOrToppingIsA400() {
        Http.Response pizza = refused(order(pizzas("{\"pizza_id\": \"hawaiian\", \"size\": \"large\"}")), 400);
        assertThat(pizza.json().path("detail").asString()).isEqualTo("One or more pizzas are not available");
        Http.Response topping = refused(order(pizzas(
                "{\"pizza_id\": \"margherita\", \"size\": \"large\", \"toppings\": [\"pineapple\"]}")), 400);
        assertField(topping, "pizza_items[0].toppings[0]");
    }

    @Test
    void anEmptyOrOverLongListOfPizzasIsA400() {
        assertField(refused(order("\"pizza_items\": []"), 400), "pizza_items");
        String margherita = "{\"pizza_id\": \"margherita\", \"size\": \"small\"}";
        String many = String.join(", ", java.util.Collections.nCopies(21, margherita));
        Http.Response tooMany = refused(order("\"pizza_items\": [" + many + "]"), 400);
        assertField(tooMany, "pizza_items");
        assertThat(tooMany.json().path("errors").path("pizza_items").toString()).contains("at most 20");
        String toppings = String.join(", ", java.util.Collections.nCopies(11, "\"extra_cheese\""));
        assertField(refused(order(pizzas("{\"pizza_id\": \"margherita\", \"size\": \"small\", \"toppings\": ["
                + toppings + "]}")), 400), "pizza_items[0].toppings");
    }

    @Test
    void overLongStringsAreA400NamingTheField() {
        String name = "A".repeat(101);
        assertField(refused(order("\"customer_name\": \"" + name + "\", " + pizzas(MARGHERITA)), 400), "customer_name");
        String instructions = "x".repeat(201);
        assertField(refused(order(pizzas("{\"pizza_id\": \"margherita\", \"size\": \"large\", \"special_instructions\": \""
                + instructions + "\"}")), 400), "pizza_items[0].special_instructions");
    }

    @Test
    void anUnknownFieldIsA400NamingIt() {
        Http.Response response = refused(order("\"coupon\": \"FREE-PIZZA\", " + pizzas(MARGHERITA)), 400);
        assertField(response, "coupon");
    }

    @Test
    void aBodyOfOneMegabyteIsA413Problem() {
        String huge = "x".repeat(1024 * 1024);
        Http.Response response = refused(order(pizzas("{\"pizza_id\": \"margherita\", \"size\": \"large\", "
                + "\"special_instructions\": \"" + huge + "\"}")), 413);
        assertThat(response.json().path("status").asInt()).isEqualTo(413);
    }

    @Test
    void sqlAndHtmlInStringsAreStoredVerbatimAndReturnedAsJsonData() {
        String name = "Robert'); DROP TABLE order_summaries; --";
        String instructions = "<script>alert('pwned')</script> & <b>bold</b>";
        long before = orderCount();
        Http.Response placed = http.send("POST", "/api/orders", order("\"customer_name\": \"" + name + "\", "
                + pizzas("{\"pizza_id\": \"margherita\", \"size\": \"large\", \"special_instructions\": \""
                        + instructions + "\"}")), null);
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        assertThat(orderCount()).isEqualTo(before + 1);

        Http.Response detail = http.send("GET", "/api/orders/" + placed.json().path("order_id").asString(), null,
                basic("manager"));
        assertThat(detail.header("Content-Type")).startsWith("application/json");
        assertThat(detail.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(detail.json().path("customer").path("name").asString()).isEqualTo(name);
        assertThat(detail.json().path("items").get(0).path("special_instructions").asString()).isEqualTo(instructions);
        Http.Response status = http.send("GET", "/api/orders/" + placed.json().path("order_id").asString() + "/status",
                null, null);
        assertThat(status.json().path("customer_name").asString()).isEqualTo(name);
    }

    @Test
    void aStaffCommandRefusesZeroNegativeWrongTypedAndMissingMinutes() {
        String orderId = http.send("POST", "/api/orders", order(pizzas(MARGHERITA)), null).json().path("order_id").asString();
        String path = "/api/orders/" + orderId + "/cook";
        for (String minutes : new String[] {"0", "-5", "181"}) {
            Http.Response response = cook(path, "{\"kitchen_staff_id\": \"mario\", \"estimated_cooking_time_minutes\": "
                    + minutes + "}", 400);
            assertField(response, "estimated_cooking_time_minutes");
        }
        assertField(cook(path, "{\"kitchen_staff_id\": \"mario\", \"estimated_cooking_time_minutes\": \"soon\"}", 400),
                "estimated_cooking_time_minutes");
        assertField(cook(path, "{\"estimated_cooking_time_minutes\": 10}", 400), "kitchen_staff_id");
        assertField(cook(path, "{\"kitchen_staff_id\": \"" + "m".repeat(65) + "\", \"estimated_cooking_time_minutes\": 10}",
                400), "kitchen_staff_id");
        Http.Response malformed = cook(path, "{\"kitchen_staff_id\": ", 400);
        assertThat(malformed.json().path("detail").asString()).startsWith("Malformed JSON");
        assertThat(http.send("GET", "/api/orders/" + orderId + "/status", null, null).json().path("status").asString())
                .isEqualTo("pending");
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

    /** Sends a bad cook command as a chef: expects the status as a problem. */
    private Http.Response cook(String path, String body, int status) {
        Http.Response response = http.send("PUT", path, body, basic("chef"));
        assertThat(response.isProblem(status)).as(response.status() + " " + response.text()).isTrue();
        return response;
    }

    private long orderCount() {
        Http.Response page = http.send("GET", "/api/orders?page_size=1", null, basic("manager"));
        assertThat(page.status()).isEqualTo(200);
        return page.json().path("total_items").asLong();
    }

    private static void assertField(Http.Response response, String field) {
        assertThat(response.json().path("errors").has(field)).as(response.text()).isTrue();
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
