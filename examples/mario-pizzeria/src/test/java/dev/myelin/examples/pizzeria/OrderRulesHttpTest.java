package dev.myelin.examples.pizzeria;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each rule of placing an order, over HTTP: nothing refused is stored. */
class OrderRulesHttpTest extends PizzeriaHttpTest {

    @Test
    void theSeedPhoneOfEightCharactersIsRefusedByTheDefaultRule() {
        Http.Response response = http.post("/api/orders", SEED_ORDER);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path("customer_phone").get(0).asString())
                .isEqualTo("must have at least 10 characters");
    }

    @Test
    void anOrderWithoutPizzasIsRefused() {
        Http.Response response = http.post("/api/orders", """
                {"customer_name": "Dora", "customer_phone": "0612345678", "customer_address": "Via Appia 2",
                 "pizza_items": [], "payment_method": "cash"}
                """);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path("pizza_items").get(0).asString())
                .isEqualTo("must contain at least one pizza");
    }

    @Test
    void ordersOutsideOpeningHoursAreRefused() {
        clock.set(Instant.parse("2026-11-26T22:30:00Z")); // 23:30 in Rome
        Http.Response closed = place(order("night-owl", "Ezio", "margherita", "small", "cash"));
        assertThat(closed.status()).isEqualTo(400);
        assertThat(closed.text("detail")).startsWith("Sorry, we're closed!");
        clock.set(Instant.parse("2026-11-26T09:59:00Z")); // 10:59 in Rome
        assertThat(place(order("night-owl", "Ezio", "margherita", "small", "cash")).status()).isEqualTo(400);
        clock.set(Instant.parse("2026-11-26T10:00:00Z")); // 11:00 in Rome
        assertThat(place(order("night-owl", "Ezio", "margherita", "small", "cash")).status()).isEqualTo(201);
    }

    @Test
    void unknownAndUnavailablePizzasAreNotAvailable() {
        Http.Response unknown = place(order("picky", "Fabio", "hawaiian", "medium", "cash"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("detail")).isEqualTo("One or more pizzas are not available");
        Http.Response unavailable = place(order("picky", "Fabio", "tartufo", "medium", "cash"));
        assertThat(unavailable.status()).isEqualTo(400);
        assertThat(unavailable.text("detail")).isEqualTo("One or more pizzas are not available");
        assertThat(http.get("/api/orders?customer_id=picky", "manager").json().path("total_items").asLong()).isZero();
    }

    @Test
    void aDeclinedPaymentIsABadRequestAndStoresNothing() {
        Http.Response declined = place(order("unlucky", "Gina", "margherita", "medium", "card")
                .replace("\"payment_method\": \"card\"", "\"payment_method\": \"card\", \"payment_token\": \"tok_declined\""));
        assertThat(declined.status()).isEqualTo(400);
        assertThat(declined.text("detail")).contains("declined");
        assertThat(http.get("/api/orders?customer_id=unlucky", "manager").json().path("total_items").asLong()).isZero();
    }

    @Test
    void sizesMultiplyTheBasePriceAndToppingsAddTheirPrice() {
        Http.Response small = place("""
                {"customer_id": "sizes", "customer_name": "Ivo", "customer_phone": "0612345678", "customer_address": "Via Po 3",
                 "payment_method": "card",
                 "pizza_items": [{"pizza_id": "margherita", "size": "small", "toppings": ["extra_cheese", "basil"]}]}
                """);
        assertThat(small.status()).as(small.text()).isEqualTo(201);
        // 12.99 * 0.8 = 10.392 -> 10.39, + 1.50 + 0.50 = 12.39; tax 1.24; fee 2.50
        assertThat(small.json().path("subtotal").decimalValue()).isEqualByComparingTo("12.39");
        assertThat(small.json().path("total_amount").decimalValue()).isEqualByComparingTo("16.13");
        assertThat(small.text("payment_status")).as("captured after the commit").isEqualTo("authorized");
    }

    @Test
    void staffCommandsRefuseAnonymousCallersAndCustomers() {
        String id = place(order("roles", "Lia", "margherita", "medium", "card")).text("order_id");
        assertThat(http.put("/api/orders/" + id + "/confirm", null, null).status()).isEqualTo(401);
        assertThat(http.put("/api/orders/" + id + "/confirm", null, "customer").status()).isEqualTo(403);
        assertThat(http.put("/api/orders/" + id + "/confirm", null, "manager").status()).isEqualTo(200);
    }
}
