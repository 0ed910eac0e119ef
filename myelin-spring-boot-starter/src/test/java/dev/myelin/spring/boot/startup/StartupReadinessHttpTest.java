package dev.myelin.spring.boot.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Over real HTTP: while a startup task runs, requests get 503 problems and readiness is down; then both clear. */
class StartupReadinessHttpTest {

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newHttpClient();
    private CompletableFuture<ConfigurableApplicationContext> application;

    /** Held by the startup task until the test releases it; new for each test, so that a re-run finds them closed. */
    static volatile CountDownLatch RELEASE = new CountDownLatch(1);
    static volatile CountDownLatch TASK_RUNNING = new CountDownLatch(1);
    static final AtomicInteger PORT = new AtomicInteger();
    static final AtomicInteger COMMANDS = new AtomicInteger();

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {

        @Bean
        StartupTask slowSeeding() {
            return () -> {
                TASK_RUNNING.countDown();
                assertThat(RELEASE.await(30, TimeUnit.SECONDS)).isTrue();
            };
        }

        @Bean
        ApplicationListener<WebServerInitializedEvent> port() {
            return event -> PORT.set(event.getWebServer().getPort());
        }

        /** Spring Security in front, as in an application: every path open. */
        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }

        @Bean
        Orders orders() {
            return new Orders();
        }
    }

    @RestController
    static class Orders {
        @GetMapping("/menu")
        String menu() {
            return "{\"pizzas\":[\"margherita\"]}";
        }

        @PostMapping("/orders")
        String order() {
            COMMANDS.incrementAndGet();
            return "{}";
        }
    }

    @BeforeEach
    void freshLatches() {
        RELEASE = new CountDownLatch(1);
        TASK_RUNNING = new CountDownLatch(1);
        PORT.set(0);
        COMMANDS.set(0);
    }

    @AfterEach
    void close() throws Exception {
        RELEASE.countDown();
        application.get(60, TimeUnit.SECONDS).close();
    }

    @Test
    void untilStartupTasksAreDone_requestsGet503ProblemsWithRetryAfterAndReadinessIsDownWhileLivenessIsUp()
            throws Exception {
        application = CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(Application.class)
                .properties("server.port=0", "myelin.postgres.embedded.data-directory=" + directory.resolve("pg"),
                        "management.endpoint.health.probes.enabled=true", "myelin.startup.retry-after=2s")
                .run());
        assertThat(TASK_RUNNING.await(60, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> menu = send("GET", "/menu");
        assertThat(menu.statusCode()).isEqualTo(503);
        assertThat(menu.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(menu.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JsonMapper.builder().build().readTree(menu.body());
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("title").asString()).isEqualTo("Service Unavailable");
        assertThat(send("POST", "/orders").statusCode()).isEqualTo(503);
        assertThat(COMMANDS).as("no command ran behind a 503").hasValue(0);
        assertThat(send("GET", "/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(send("GET", "/actuator/health/liveness").statusCode()).isEqualTo(200);

        RELEASE.countDown();
        application.get(60, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", "/actuator/health/readiness").statusCode() == 200);
        assertThat(send("GET", "/menu").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/orders").statusCode()).isEqualTo(200);
        assertThat(COMMANDS).hasValue(1);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT.get() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
