package dev.myelin.examples.pizzeria.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test of {@code Idempotency-Key}: the pizzeria runs in a child JVM on its embedded,
 * durable PostgreSQL; a card order is placed with a key and the JVM halts right after the order's
 * transaction committed, before any response. Restarted on the same data directory, the pizzeria
 * answers the client's retry (same key, same body) with the committed order, marked as replayed: one
 * order with its one authorization, never placed twice.
 */
class IdempotencyCrashHttpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDirectory;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void orderCommittedByAPizzeriaThatDiedBeforeRespondingIsReplayedAfterTheRestart() throws Exception {
        String key = UUID.randomUUID().toString();
        String order = PizzeriaHttpTest.GUEST_ORDER.replace("\"payment_method\": \"cash\"", "\"payment_method\": \"card\"");
        int port = freePort();

        Process crashing = start(port);
        try {
            awaitReady(port, crashing);
            assertThatThrownBy(() -> post(port, order, key, true)).as("no response: the JVM halted")
                    .isInstanceOf(IOException.class);
            assertThat(crashing.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(crashing.exitValue()).as("halted after the commit").isEqualTo(99);
        } finally {
            crashing.destroyForcibly();
        }

        Process restarted = start(port);
        try {
            awaitReady(port, restarted);
            HttpResponse<String> retry = post(port, order, key, false);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            String orderId = new Http.Response(retry).text("order_id");

            Http http = new Http(port);
            Http.Response orders = http.get("/api/orders?page_size=100", "manager");
            assertThat(orders.json().path("total_items").asLong()).as(orders.text()).isEqualTo(1);
            assertThat(orders.json().path("items").get(0).path("order_id").asString()).isEqualTo(orderId);
            // The card was authorized once, by the first JVM. Its capture is an outbox delivery that the
            // dispatcher's thread may run between the commit and the halt (then the order is paid) or not
            // (then it stays authorized: the fake gateway's memory died with the first JVM, so the restarted
            // one cannot capture it). Both are right; the capture is asserted within one JVM by PaymentHttpTest.
            Http.Response status = http.get("/api/orders/" + orderId + "/status");
            assertThat(status.text("status")).isEqualTo("pending");
            assertThat(status.text("payment_status")).isIn("authorized", "paid");
            HttpResponse<String> again = post(port, order, key, false);
            assertThat(new Http.Response(again).text("order_id")).isEqualTo(orderId);
            assertThat(http.get("/api/orders?page_size=100", "manager").json().path("total_items").asLong()).isEqualTo(1);
        } finally {
            restarted.destroy();
            if (!restarted.waitFor(60, TimeUnit.SECONDS)) {
                restarted.destroyForcibly();
            }
        }
    }

    private Process start(int port) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                HaltingPizzeria.class.getName(),
                "--server.port=" + port,
                "--myelin.postgres.embedded.data-directory=" + dataDirectory,
                "--pizzeria.opening-hours=always",
                "--pizzeria.security.dev-users=on",
                "--myelin.outbox.poll-interval=100ms",
                "--myelin.projections.poll-interval=100ms",
                "--logging.level.root=WARN");
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void awaitReady(int port, Process child) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(child.isAlive()).as("the pizzeria is running").isTrue();
            try {
                HttpResponse<String> menu = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/menu")).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                return menu.statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private static HttpResponse<String> post(int port, String body, String key, boolean halt)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .header("Idempotency-Key", key);
        if (halt) {
            request.header(HaltingPizzeria.HALT_HEADER, "true");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
