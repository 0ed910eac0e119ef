package dev.myelin.examples.pizzeria;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import dev.myelin.spring.boot.startup.StartupTask;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The application started as the README says (embedded PostgreSQL on a fresh data directory), over real
 * HTTP during its first moments: until the menu is seeded and the projections have caught up, every
 * API request gets 503 with {@code Retry-After} (never an order refused for a menu not there yet) and
 * readiness is down; once ready, the menu is complete and the seed's order is placed at once.
 */
class FreshStartHttpTest {

    @TempDir
    Path directory;

    private CompletableFuture<ConfigurableApplicationContext> application;

    /**
     * Holds startup before the menu is seeded, until the test has looked. Not scanned: a source of this test
     * only. Its latches are new for each test ({@link #freshLatches()}), so that a re-run in the same JVM
     * does not find them open.
     */
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static final class Gate implements StartupTask {
        static volatile CountDownLatch REACHED = new CountDownLatch(1);
        static volatile CountDownLatch RELEASE = new CountDownLatch(1);

        @Override
        public void run() throws InterruptedException {
            REACHED.countDown();
            RELEASE.await(60, TimeUnit.SECONDS);
        }
    }

    /** Takes the server's port as soon as it listens, before startup work runs. */
    static final class Port implements ApplicationListener<WebServerInitializedEvent> {
        static final AtomicInteger VALUE = new AtomicInteger();

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            VALUE.set(event.getWebServer().getPort());
        }
    }

    @BeforeEach
    void freshLatches() {
        Gate.REACHED = new CountDownLatch(1);
        Gate.RELEASE = new CountDownLatch(1);
        Port.VALUE.set(0);
    }

    @AfterEach
    void stop() throws Exception {
        Gate.RELEASE.countDown();
        if (application != null) {
            application.get(60, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void untilTheMenuIsSeededTheApiAnswers503WithRetryAfterAndOnceReadyTheSeedOrderIsPlaced() throws Exception {
        application = CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(PizzeriaApplication.class, Gate.class)
                .listeners(new Port())
                // Arguments, not default properties: they must win over application.yml.
                .run("--server.port=0", "--myelin.postgres.embedded.data-directory=" + directory.resolve("postgres"),
                        "--pizzeria.opening-hours=always"));
        assertThat(Gate.REACHED.await(90, TimeUnit.SECONDS)).as("startup reached the gate").isTrue();
        Http http = new Http(Port.VALUE.get());

        Http.Response menu = http.get("/api/menu");
        assertThat(menu.status()).as(menu.text()).isEqualTo(503);
        assertThat(menu.header("Retry-After")).isEqualTo("1");
        assertThat(menu.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(menu.json().path("status").asInt()).isEqualTo(503);
        Http.Response order = http.post("/api/orders", PizzeriaHttpTest.GUEST_ORDER);
        assertThat(order.status()).as(order.text()).isEqualTo(503);
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);

        Gate.RELEASE.countDown();
        application.get(90, TimeUnit.SECONDS);

        // Ready now, with no wait: the menu seeded and its read model caught up.
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
        Http.Response seeded = http.get("/api/menu");
        assertThat(seeded.status()).as(seeded.text()).isEqualTo(200);
        assertThat(seeded.text()).contains("margherita");
        Http.Response placed = http.post("/api/orders", PizzeriaHttpTest.GUEST_ORDER);
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
    }
}
