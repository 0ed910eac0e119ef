package dev.myelin.examples.pizzeria.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.examples.pizzeria.payments.FakePaymentGateway;
import dev.myelin.examples.pizzeria.payments.FakePaymentGateway.Call;
import dev.myelin.examples.pizzeria.payments.FakePaymentGateway.Operation;
import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code Idempotency-Key} on {@code POST /api/orders} and {@code POST /api/orders/{id}/payment}, over
 * real HTTP on the embedded database with the recording fake gateway: a retry replays the first
 * response, with one order stored and one card authorization and capture; another body with the same
 * key is 422 and stores nothing; eight concurrent duplicates place one order.
 */
class IdempotencyKeyHttpTest extends PizzeriaHttpTest {

    @Autowired
    FakePaymentGateway gateway;

    @Autowired
    JdbcClient jdbc;

    @Test
    void retriedCardOrderReplaysTheFirstResponseWithOneOrderAndOneChargeStored() {
        String key = UUID.randomUUID().toString();
        long orders = count("order_summaries");
        int calls = gateway.calls().size();

        Http.Response first = post("/api/orders", card(GUEST_ORDER), key, null);
        Http.Response retry = post("/api/orders", card(GUEST_ORDER), "\"" + key + "\"", null);

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        assertThat(retry.status()).as(retry.text()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json()).isEqualTo(first.json());
        String id = first.text("order_id");
        assertThat(retry.text("order_id")).isEqualTo(id);
        assertThat(retry.text("status")).isEqualTo("pending");
        assertThat(count("order_summaries")).isEqualTo(orders + 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "paid".equals(http.get("/api/orders/" + id + "/status").text("payment_status")));
        List<Call> made = gateway.calls().subList(calls, gateway.calls().size());
        assertThat(made).filteredOn(call -> call.operation() == Operation.AUTHORIZE).hasSize(1);
        assertThat(made).filteredOn(call -> call.operation() == Operation.CAPTURE && call.effective()).hasSize(1);
        assertThat(made).filteredOn(call -> call.operation() == Operation.VOID).isEmpty();
    }

    @Test
    void sameKeyWithAnotherBodyIs422AndStoresNothing() {
        String key = UUID.randomUUID().toString();
        Http.Response first = post("/api/orders", GUEST_ORDER, key, null);
        long orders = count("order_summaries");
        int calls = gateway.calls().size();

        Http.Response reused = post("/api/orders", card(GUEST_ORDER.replace("John Doe", "Jane Doe")), key, null);

        assertThat(first.status()).isEqualTo(201);
        assertThat(reused.isProblem(422)).as(reused.text()).isTrue();
        assertThat(reused.text("detail")).isEqualTo("The idempotency key '" + key + "' was already used with a different request");
        assertThat(count("order_summaries")).isEqualTo(orders);
        assertThat(gateway.calls()).hasSize(calls);
    }

    @Test
    void malformedKeyIs400AndStoresNothing() {
        long orders = count("order_summaries");

        Http.Response malformed = post("/api/orders", GUEST_ORDER, "k".repeat(300), null);

        assertThat(malformed.isProblem(400)).as(malformed.text()).isTrue();
        assertThat(count("order_summaries")).isEqualTo(orders);
    }

    @Test
    void eightConcurrentDuplicatesPlaceOneOrderAndAuthorizeOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        long orders = count("order_summaries");
        int calls = gateway.calls().size();
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Http.Response> responses = new ArrayList<>();
        try {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return post("/api/orders", card(GUEST_ORDER), key, null);
                }));
            }
            start.countDown();
            for (Future<Http.Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        List<Http.Response> placed = responses.stream().filter(response -> response.status() == 201).toList();
        assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.text()).isIn(201, 409));
        assertThat(placed).isNotEmpty();
        assertThat(placed).extracting(response -> response.text("order_id")).containsOnly(placed.get(0).text("order_id"));
        assertThat(placed).filteredOn(response -> response.header("Idempotent-Replayed").isEmpty()).hasSize(1);
        assertThat(count("order_summaries")).isEqualTo(orders + 1);
        assertThat(gateway.calls().subList(calls, gateway.calls().size()))
                .filteredOn(call -> call.operation() == Operation.AUTHORIZE).hasSize(1);
    }

    @Test
    void retriedCardPaymentReplaysAndChargesOnce() {
        Http.Response order = post("/api/orders", GUEST_ORDER, null, null);
        String id = order.text("order_id");
        String token = order.text("order_token");
        String key = UUID.randomUUID().toString();
        int calls = gateway.calls().size();

        Http.Response paid = post("/api/orders/" + id + "/payment", "{\"payment_method\": \"card\"}", key, token);
        Http.Response retry = post("/api/orders/" + id + "/payment", "{\"payment_method\": \"card\"}", key, token);
        Http.Response second = post("/api/orders", GUEST_ORDER, null, null);
        Http.Response otherOrder = post("/api/orders/" + second.text("order_id") + "/payment",
                "{\"payment_method\": \"card\"}", key, second.text("order_token"));

        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json()).isEqualTo(paid.json());
        assertThat(otherOrder.isProblem(422)).as("same key on another order's path: " + otherOrder.text()).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "paid".equals(http.get("/api/orders/" + id + "/status").text("payment_status")));
        List<Call> made = gateway.calls().subList(calls, gateway.calls().size());
        assertThat(made).filteredOn(call -> call.operation() == Operation.AUTHORIZE).hasSize(1);
        assertThat(made).filteredOn(call -> call.operation() == Operation.CAPTURE && call.effective()).hasSize(1);
    }

    private Http.Response post(String path, String body, String key, String orderToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").header("Accept", "application/json, application/problem+json");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (orderToken != null) {
            request.header("X-Order-Token", orderToken);
        }
        return http.exchange(request.build());
    }

    private static String card(String order) {
        return order.replace("\"payment_method\": \"cash\"", "\"payment_method\": \"card\"");
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
