package dev.myelin.examples.pizzeria.orders.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.examples.pizzeria.orders.Order;
import dev.myelin.examples.pizzeria.orders.events.OrderCancelled;
import dev.myelin.examples.pizzeria.orders.events.PaymentAuthorized;
import dev.myelin.examples.pizzeria.payments.FakePaymentGateway.Call;
import dev.myelin.examples.pizzeria.payments.FakePaymentGateway.Operation;
import dev.myelin.examples.pizzeria.payments.FakePaymentGateway;
import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.math.BigDecimal;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The payment drills over real HTTP, with the recording fake gateway: a card is authorized before the
 * order's transaction and captured only after it committed, exactly once under redelivery and
 * concurrent payments; a decline stores nothing; an authorization whose order rolled back is voided,
 * and one left by a crash is swept; a committed cancellation of a captured payment refunds it exactly
 * once. After each test, every effective capture belongs to an order that committed.
 *
 * <p>On a context of its own with a kitchen of 30 pizzas (a fresh database, an empty kitchen): a full
 * kitchen is how a test makes a card order roll back after its authorization.
 */
@TestPropertySource(properties = "pizzeria.kitchen.capacity=30")
class PaymentHttpTest extends PizzeriaHttpTest {

    @Autowired
    FakePaymentGateway gateway;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WhenPaymentAuthorizedThenCapture capture;

    @Autowired
    WhenOrderCancelledThenRefund refund;

    @Autowired
    AuthorizationSweeper sweeper;

    @Autowired
    PaymentAuthorizations authorizations;

    @AfterEach
    void noCaptureWithoutACommittedOrder() {
        for (Call call : gateway.calls()) {
            if (call.operation() == Operation.CAPTURE && call.effective()) {
                assertThat(jdbc.sql("""
                        select count(*) from payment_authorizations a join order_summaries o on o.order_id = a.order_id
                        where a.authorization_id = :auth and a.status = 'attached'""")
                        .param("auth", call.authorizationId()).query(Long.class).single())
                        .as("capture of " + call.authorizationId() + " belongs to a committed order").isEqualTo(1);
            }
        }
    }

    @Test
    void aCardOrderIsAuthorizedWhenPlacedAndCapturedOnceAfterItCommitted() {
        Http.Response placed = http.post("/api/orders", card(GUEST_ORDER));
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        String id = placed.text("order_id");
        assertThat(placed.text("payment_status")).isEqualTo("authorized");
        String auth = authorizationOf(id);

        awaitPaid(id);
        assertThat(operations(auth)).containsExactly(Operation.AUTHORIZE, Operation.CAPTURE);
        BigDecimal total = placed.json().path("total_amount").decimalValue();
        assertThat(effective(auth, Operation.CAPTURE)).singleElement()
                .satisfies(call -> assertThat(call.amount()).isEqualByComparingTo(total));

        // The outbox delivers at least once: a redelivered event captures nothing more.
        capture.handle(new PaymentAuthorized(id, auth, total, clock.instant()));
        capture.handle(new PaymentAuthorized(id, auth, total, clock.instant()));
        assertThat(effective(auth, Operation.CAPTURE)).hasSize(1);
        assertThat(http.get("/api/delivery?status=ready", "manager").text()).doesNotContain(id);
    }

    @Test
    void aDeclinedCardIsTheSeedsBadRequestAndStoresNothing() {
        long orders = count("order_summaries");
        Http.Response declined = http.post("/api/orders", card(GUEST_ORDER)
                .replace("\"payment_method\": \"card\"", "\"payment_method\": \"card\", \"payment_token\": \"tok_declined\""));

        assertThat(declined.isProblem(400)).as(declined.text()).isTrue();
        assertThat(declined.text("detail")).isEqualTo("Payment was declined. Please try a different payment method.");
        assertThat(count("order_summaries")).isEqualTo(orders);
        assertThat(gateway.calls()).last().satisfies(call -> {
            assertThat(call.operation()).isEqualTo(Operation.AUTHORIZE);
            assertThat(call.authorizationId()).isNull();
        });
    }

    @Test
    void anAuthorizationWhoseOrderRolledBackIsVoidedAndNeverCaptured() {
        String twentyPizzas = IntStream.range(0, 20).mapToObj(i -> "{\"pizza_id\": \"marinara\", \"size\": \"medium\"}")
                .collect(Collectors.joining(", ", """
                        {"customer_id": "payment-party", "customer_name": "Party", "customer_phone": "0612345678",
                         "customer_address": "Piazza Navona 1", "payment_method": "cash", "pizza_items": [""", "]}"));
        List<String> placed = new ArrayList<>();
        try {
            Http.Response response = place(twentyPizzas);
            for (int i = 0; i < 5 && response.status() == 201; i++) {
                placed.add(response.text("order_id"));
                response = place(twentyPizzas);
            }
            // Fill what is left, one pizza at a time, so that even one more pizza does not fit.
            response = place(GUEST_ORDER);
            for (int i = 0; i < 40 && response.status() == 201; i++) {
                placed.add(response.text("order_id"));
                response = place(GUEST_ORDER);
            }
            assertThat(response.status()).as(response.text()).isEqualTo(503);
            int before = gateway.calls().size();
            Http.Response full = http.post("/api/orders", card(GUEST_ORDER));
            assertThat(full.status()).as(full.text()).isEqualTo(503);

            List<Call> calls = gateway.calls().subList(before, gateway.calls().size());
            assertThat(calls).extracting(Call::operation).containsExactly(Operation.AUTHORIZE, Operation.VOID);
            assertThat(calls).allMatch(Call::effective);
            assertThat(jdbc.sql("select status from payment_authorizations where authorization_id = :auth")
                    .param("auth", calls.get(0).authorizationId()).query(String.class).single()).isEqualTo("voided");
        } finally {
            placed.forEach(id -> http.post("/api/orders/" + id + "/cancel", "{}", "manager"));
        }
    }

    @Test
    void concurrentCardPaymentsOfOneOrderCaptureExactlyOnceAndVoidTheRest() throws Exception {
        Http.Response placed = http.post("/api/orders", GUEST_ORDER);
        String id = placed.text("order_id");
        String token = placed.text("order_token");
        int payers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(payers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < payers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return withToken("POST", "/api/orders/" + id + "/payment", "{\"payment_method\": \"card\"}", token).status();
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
        awaitPaid(id);
        List<String> auths = jdbc.sql("select authorization_id from payment_authorizations where order_id = :id "
                + "and authorization_id is not null").param("id", id).query(String.class).list();
        long captures = auths.stream().mapToLong(auth -> effective(auth, Operation.CAPTURE).size()).sum();
        long voids = auths.stream().mapToLong(auth -> effective(auth, Operation.VOID).size()).sum();
        assertThat(captures).isEqualTo(1);
        assertThat(voids).as("every other authorization is released").isEqualTo(auths.size() - 1);
    }

    @Test
    void aCommittedCancellationOfACapturedPaymentRefundsItExactlyOnce() {
        Http.Response placed = http.post("/api/orders", card(GUEST_ORDER));
        String id = placed.text("order_id");
        String auth = authorizationOf(id);
        awaitPaid(id);

        Http.Response cancelled = withToken("POST", "/api/orders/" + id + "/cancel", "{}", placed.text("order_token"));
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> effective(auth, Operation.REFUND).size() == 1);
        assertThat(effective(auth, Operation.CAPTURE).get(0).idempotencyKey()).isEqualTo("capture:" + auth);
        JsonDetail detail = detail(id);
        assertThat(detail.paymentStatus()).isEqualTo("refunded");
        // Redelivered: nothing more is refunded.
        refund.handle(new OrderCancelled(id, "again", placed.json().path("total_amount").decimalValue(), detail.transactionId(),
                null, null, clock.instant()));
        assertThat(effective(auth, Operation.REFUND)).hasSize(1);
        assertThat(gateway.calls(auth)).filteredOn(call -> call.operation() == Operation.VOID).isEmpty();
    }

    @Test
    void theSweeperVoidsAuthorizationsLeftByACrashBeforeTheirOrderCommitted() {
        String authorized = "authorize:crashed-after-answer";
        authorizations.begin(authorized, "never-committed-1", new BigDecimal("20.00"), clock.instant());
        String auth = gateway.authorize(authorized, new BigDecimal("20.00"), null).authorizationId();
        authorizations.authorized(authorized, auth, clock.instant());
        String authorizing = "authorize:crashed-before-answer";
        authorizations.begin(authorizing, "never-committed-2", new BigDecimal("30.00"), clock.instant());
        String unanswered = gateway.authorize(authorizing, new BigDecimal("30.00"), null).authorizationId();

        assertThat(sweeper.sweep()).as("nothing is swept within the grace period").isZero();
        clock.set(clock.instant().plus(Duration.ofMinutes(6)));
        assertThat(sweeper.sweep()).isEqualTo(2);

        assertThat(effective(auth, Operation.VOID)).hasSize(1);
        assertThat(effective(unanswered, Operation.VOID)).hasSize(1);
        assertThat(effective(unanswered, Operation.AUTHORIZE)).as("asked again with its key: no new hold").hasSize(1);
        assertThat(authorizations.status(authorized)).contains("voided");
        assertThat(authorizations.status(authorizing)).contains("voided");
        assertThat(sweeper.sweep()).isZero();
    }

    private static String card(String order) {
        return order.replace("\"payment_method\": \"cash\"", "\"payment_method\": \"card\"");
    }

    private String authorizationOf(String orderId) {
        return jdbc.sql("select authorization_id from payment_authorizations where order_id = :id and status = 'attached'")
                .param("id", orderId).query(String.class).single();
    }

    private void awaitPaid(String orderId) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "paid".equals(http.get("/api/orders/" + orderId + "/status").text("payment_status")));
    }

    private List<Operation> operations(String auth) {
        return gateway.calls(auth).stream().map(Call::operation).toList();
    }

    private List<Call> effective(String auth, Operation operation) {
        return gateway.calls(auth).stream().filter(call -> call.operation() == operation && call.effective()).toList();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private JsonDetail detail(String orderId) {
        Http.Response detail = http.get("/api/orders/" + orderId, "manager");
        return new JsonDetail(detail.json().path("payment").path("status").asString(),
                detail.json().path("payment").path("transaction_id").asString());
    }

    private Http.Response withToken(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").header("Accept", "application/json, application/problem+json")
                .header("X-Order-Token", token);
        return http.exchange(request.build());
    }

    private record JsonDetail(String paymentStatus, String transactionId) {
    }
}
