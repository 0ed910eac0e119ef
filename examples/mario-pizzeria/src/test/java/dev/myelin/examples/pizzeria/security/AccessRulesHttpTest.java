package dev.myelin.examples.pizzeria.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The access rules beyond the role matrix, over real HTTP: order tokens, a delivery assigned once under
 * concurrent drivers, guest ids that never collapse, the payment method as an enum, payment states that
 * follow refunds, and a tenant that a client cannot choose.
 */
class AccessRulesHttpTest extends PizzeriaHttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aGuestGetsAnUnguessableTokenThatOpensOnlyItsOwnOrder() {
        Http.Response placed = http.post("/api/orders", GUEST_ORDER);
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        String id = placed.text("order_id");
        String token = placed.text("order_token");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(placed.text("status_page")).isEqualTo("/order.html?id=" + id + "#token=" + token);
        Http.Response other = http.post("/api/orders", GUEST_ORDER);
        assertThat(other.text("order_token")).isNotEqualTo(token);

        assertThat(withToken("GET", "/api/orders/" + id, null, token).status()).isEqualTo(200);
        Http.Response wrong = withToken("GET", "/api/orders/" + id, null, other.text("order_token"));
        assertThat(wrong.isProblem(404)).as(wrong.text()).isTrue();
        assertThat(withToken("POST", "/api/orders/" + id + "/cancel", "{}", token.substring(1) + "x").status()).isEqualTo(404);
        assertThat(http.post("/api/orders/" + id + "/cancel", "{}").isProblem(401)).isTrue();
        assertThat(withToken("POST", "/api/orders/" + id + "/cancel", "{}", token).status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from order_summaries where token_hash = :token").param("token", token)
                .query(Long.class).single()).as("the token itself is never stored").isZero();
    }

    @Test
    void twentyDriversAssigningOneDeliveryAtOnceLeaveExactlyOneAssignment() throws Exception {
        String id = readyOrder();
        int drivers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(drivers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < drivers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.put("/api/delivery/" + id + "/assign", "{\"driver_id\": \"driver\"}", "driver").status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            assertThat(statuses).filteredOn(status -> status != 200).containsOnly(409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from myelin.events where stream_id like :stream and type like '%DeliveryAssigned'")
                .param("stream", "%" + id).query(Long.class).single()).isEqualTo(1);

        assertThat(http.put("/api/delivery/" + id + "/assign", "{\"driver_id\": \"luigi\"}", "manager").status())
                .as("a manager reassigns").isEqualTo(200);
        assertThat(http.get("/api/orders/" + id, "manager").json().path("delivery").path("driver_id").asString())
                .isEqualTo("luigi");
    }

    @Test
    void guestsNeverShareAnIdUnlessTheyShareAPhoneNumber() {
        Http.Response noDigits = http.post("/api/orders", GUEST_ORDER.replace("\"555-0123-45\"", "\"☎ call me please\""));
        assertThat(noDigits.isProblem(400)).as(noDigits.text()).isTrue();
        assertThat(noDigits.json().path("errors").has("customer_phone")).isTrue();

        Http.Response arabic = http.post("/api/orders", GUEST_ORDER.replace("\"555-0123-45\"", "\"٠٦١٢٣٤٥٦٧٨\""));
        assertThat(arabic.status()).as(arabic.text()).isEqualTo(201);
        assertThat(arabic.text("customer_id")).isEqualTo("guest-0612345678");
        Http.Response ascii = http.post("/api/orders", GUEST_ORDER.replace("\"555-0123-45\"", "\"06 1234 5679\""));
        assertThat(ascii.text("customer_id")).isEqualTo("guest-0612345679");
    }

    @Test
    void thePaymentMethodIsCashOrCardAndAnythingElseIsABadRequestNamingTheField() {
        long before = orders();
        Http.Response emoji = http.post("/api/orders", GUEST_ORDER.replace("\"cash\"", "\"💳\""));
        assertThat(emoji.isProblem(400)).as(emoji.text()).isTrue();
        assertThat(emoji.json().path("errors").path("payment_method").toString()).contains("must be one of cash, card");
        assertThat(orders()).isEqualTo(before);

        Http.Response placed = http.post("/api/orders", GUEST_ORDER);
        Http.Response bitcoin = withToken("POST", "/api/orders/" + placed.text("order_id") + "/payment",
                "{\"payment_method\": \"bitcoin\"}", placed.text("order_token"));
        assertThat(bitcoin.isProblem(400)).as(bitcoin.text()).isTrue();
        assertThat(bitcoin.json().path("errors").has("payment_method")).isTrue();
    }

    @Test
    void theCustomerCannotDeclareCashPaidAndThePaymentStateFollowsACancellation() {
        Http.Response cash = http.post("/api/orders", GUEST_ORDER);
        Http.Response declared = withToken("POST", "/api/orders/" + cash.text("order_id") + "/payment",
                "{\"payment_method\": \"cash\"}", cash.text("order_token"));
        assertThat(declared.isProblem(403)).as(declared.text()).isTrue();
        assertThat(http.get("/api/orders/" + cash.text("order_id") + "/status").text("payment_status")).isEqualTo("due");
        withToken("POST", "/api/orders/" + cash.text("order_id") + "/cancel", "{}", cash.text("order_token"));
        assertThat(http.get("/api/orders/" + cash.text("order_id") + "/status").text("payment_status")).isEqualTo("cancelled");

        Http.Response card = http.post("/api/orders", GUEST_ORDER.replace("\"cash\"", "\"card\""));
        assertThat(card.text("payment_status")).isEqualTo("authorized");
        await().atMost(Duration.ofSeconds(10)).until(() -> "paid".equals(
                http.get("/api/orders/" + card.text("order_id") + "/status").text("payment_status")));
        withToken("POST", "/api/orders/" + card.text("order_id") + "/cancel", "{}", card.text("order_token"));
        assertThat(http.get("/api/orders/" + card.text("order_id") + "/status").text("payment_status")).isEqualTo("refunded");
        assertThat(http.get("/api/orders/" + card.text("order_id"), "manager").json().path("payment").path("status")
                .asString()).isEqualTo("refunded");
    }

    @Test
    void aClientsTenantHeaderNeverReachesTheEventMetadata() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(http.base() + "/api/orders"))
                .POST(HttpRequest.BodyPublishers.ofString(GUEST_ORDER, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").header("X-Tenant-ID", "evil-tenant").build();
        Http.Response placed = http.exchange(request);
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from myelin.events where metadata::text like '%evil-tenant%'").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from myelin.events where stream_id like :stream").param("stream", "%" + placed.text("order_id"))
                .query(Long.class).single()).as("the order's events are there").isPositive();
    }

    private String readyOrder() {
        String id = place(order("assign-race", "Rita", "margherita", "small", "cash")).text("order_id");
        http.put("/api/orders/" + id + "/cook", "{\"kitchen_staff_id\": \"mario\", \"estimated_cooking_time_minutes\": 5}",
                "chef");
        assertThat(http.put("/api/kitchen/orders/" + id + "/ready", null, "chef").status()).isEqualTo(200);
        return id;
    }

    private long orders() {
        return jdbc.sql("select count(*) from order_summaries").query(Long.class).single();
    }

    private Http.Response withToken(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Accept", "application/json, application/problem+json").header("X-Order-Token", token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.exchange(request.build());
    }
}
