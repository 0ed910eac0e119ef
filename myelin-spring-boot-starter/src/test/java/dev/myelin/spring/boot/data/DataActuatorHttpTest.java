package dev.myelin.spring.boot.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.myelin.core.Mediator;
import com.zaxxer.hikari.HikariDataSource;
import dev.myelin.spring.boot.data.PizzaDomain.OrderPizza;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The full application over real HTTP on the embedded default: the health endpoint and the gauges. */
@SpringBootTest(classes = DataActuatorHttpTest.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoint.health.show-details=always", "management.endpoint.health.show-components=always",
                // The package also holds other tests' applications, whose requests this one does not handle.
                "myelin.mediator.check-declared-requests=false"})
@DirtiesContext
class DataActuatorHttpTest {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(PizzaDomain.Application.class)
    static class Application {

        /** Lets the test suspend the pool (read when the pool starts, on the first connection). */
        @Bean
        static BeanPostProcessor suspendablePool() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String name) {
                    if (bean instanceof HikariDataSource pool) {
                        pool.setAllowPoolSuspension(true);
                    }
                    return bean;
                }
            };
        }
    }

    /** Deleted after the class, once @DirtiesContext has closed the context and stopped PostgreSQL. */
    @TempDir
    static Path directory;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("myelin.postgres.embedded.data-directory", () -> directory.resolve("pg").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    Mediator mediator;

    @Autowired
    MeterRegistry registry;

    @Autowired
    HikariDataSource dataSource;

    @Test
    void healthEndpointShowsOutboxDeadLettersAndProjectionsComponents() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode components = JsonMapper.builder().build().readTree(response.body()).get("components");
        assertThat(components.get("myelinOutbox").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("myelinOutbox").get("details").has("pending")).isTrue();
        assertThat(components.get("myelinOutbox").get("details").get("waitingForAbsentHandlers").asLong()).isZero();
        assertThat(components.get("myelinDeadLetters").get("details").get("deadLetters").asLong()).isZero();
        assertThat(components.get("myelinProjections").get("details").has("PizzaListProjection")).isTrue();
    }

    @Test
    void gaugesAreRegisteredInTheApplicationsMeterRegistry() {
        mediator.send(new OrderPizza("http-1", "marinara"));

        await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("myelin.projection.lag.events")
                .tag("projection", "PizzaListProjection").gauge().value() == 0
                && registry.get("myelin.outbox.pending").gauge().value() == 0);
        assertThat(registry.get("myelin.outbox.dead_letters").gauge().value()).isZero();
        assertThat(registry.get("myelin.outbox.waiting_for_absent_handlers").gauge().value()).isZero();
        assertThat(registry.get("myelin.projection.lag.ms").tag("projection", "PizzaListProjection").gauge().value()).isZero();
    }

    /**
     * Health and gauges never wait for a connection of the application's pool: with the pool suspended
     * (every {@code getConnection} blocks, as when a write load holds every connection), they answer from
     * the latest background sample, whose age they report; so does the whole {@code /actuator/health},
     * whose {@code db} is the sampled one in place of Spring Boot's (which would wait for the pool).
     */
    @Test
    void healthAndGaugesAnswerWhileThePoolGivesNoConnection() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        assertThat(client.send(component("myelinOutbox"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        dataSource.getHikariPoolMXBean().suspendPool();
        try {
            for (String indicator : List.of("myelinOutbox", "myelinDeadLetters", "myelinProjections")) {
                HttpResponse<String> response = client.send(component(indicator), HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode health = JsonMapper.builder().build().readTree(response.body());
                assertThat(health.get("status").asString()).as(indicator).isEqualTo("UP");
                assertThat(health.get("details").get("sampleAgeMs").asLong()).as(indicator).isNotNegative();
            }
            HttpResponse<String> whole = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/actuator/health")).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
            JsonNode db = JsonMapper.builder().build().readTree(whole.body()).get("components").get("db");
            assertThat(db.get("status").asString()).isEqualTo("UP");
            assertThat(db.get("details").get("sampleAgeMs").asLong()).isNotNegative();
            double pending = CompletableFuture.supplyAsync(() -> registry.get("myelin.outbox.pending").gauge().value())
                    .get(5, TimeUnit.SECONDS);
            assertThat(pending).isNotNaN();
        } finally {
            dataSource.getHikariPoolMXBean().resumePool();
        }
    }

    /** A GET of one health component. */
    private HttpRequest component(String indicator) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/" + indicator))
                .timeout(Duration.ofSeconds(5)).GET().build();
    }
}
