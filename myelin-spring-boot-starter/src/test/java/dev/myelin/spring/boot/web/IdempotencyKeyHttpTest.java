package dev.myelin.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code Idempotency-Key} header over real HTTP (in-memory store): replay with the marker
 * header, 422 for another body, 400 for a malformed or missing required key, the header ignored on
 * methods without {@link AcceptsIdempotencyKey}, and keys scoped per principal.
 */
@SpringBootTest(classes = IdempotencyKeyHttpTest.KeyedApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.jackson.property-naming-strategy=SNAKE_CASE", "myelin.postgres.embedded.enabled=false",
            "myelin.mediator.check-declared-requests=false"})
class IdempotencyKeyHttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    AtomicInteger placed;

    record Pizza(String name) {
    }

    record OrderDto(String orderId, String pizza) {
    }

    record OrderPizza(String name) implements Command<OperationResult<OrderDto>> {
    }

    @RestController
    static class KeyedController extends ControllerBase {

        KeyedController(Mediator mediator) {
            super(mediator);
        }

        @PostMapping("/keyed/orders")
        @AcceptsIdempotencyKey
        ResponseEntity<OrderDto> place(@RequestBody Pizza pizza) {
            return process(mediator().send(new OrderPizza(pizza.name())));
        }

        @PostMapping("/keyed/required")
        @AcceptsIdempotencyKey(required = true)
        ResponseEntity<OrderDto> placeRequired(@RequestBody Pizza pizza) {
            return process(mediator().send(new OrderPizza(pizza.name())));
        }

        @PostMapping("/unkeyed/orders")
        ResponseEntity<OrderDto> placeUnkeyed(@RequestBody Pizza pizza) {
            return process(mediator().send(new OrderPizza(pizza.name())));
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @Import(KeyedController.class)
    static class KeyedApplication {

        @Bean
        AtomicInteger placed() {
            return new AtomicInteger();
        }

        @Bean
        CommandHandler<OrderPizza, OperationResult<OrderDto>> orderPizza(AtomicInteger placed) {
            return command -> OperationResult.created(new OrderDto("o-" + placed.incrementAndGet(), command.name()));
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("ada").password("{noop}secret").roles("CUSTOMER").build(),
                    User.withUsername("bob").password("{noop}secret").roles("CUSTOMER").build());
        }

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .httpBasic(Customizer.withDefaults())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }

    @Test
    void sameKeyAndBodyReplaysTheFirstResponseMarkedAsReplayed() throws Exception {
        HttpResponse<String> first = post("/keyed/orders", "\"k-replay-1\"", "{\"name\":\"margherita\"}", null);
        HttpResponse<String> again = post("/keyed/orders", "k-replay-1", "{\"name\":\"margherita\"}", null);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void sameKeyWithAnotherBodyIs422AndDoesNotRun() throws Exception {
        post("/keyed/orders", "k-reuse-1", "{\"name\":\"margherita\"}", null);
        int before = placed.get();

        HttpResponse<String> reused = post("/keyed/orders", "k-reuse-1", "{\"name\":\"diavola\"}", null);

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(reused.body()).get("detail").asString())
                .isEqualTo("The idempotency key 'k-reuse-1' was already used with a different request");
        assertThat(placed.get()).isEqualTo(before);
    }

    @Test
    void malformedKeyIs400NamingTheHeaderAndNothingRuns() throws Exception {
        int before = placed.get();

        HttpResponse<String> tooLong = post("/keyed/orders", "k".repeat(256), "{\"name\":\"margherita\"}", null);
        HttpResponse<String> badQuote = post("/keyed/orders", "\"a\"b\"", "{\"name\":\"margherita\"}", null);

        for (HttpResponse<String> response : java.util.List.of(tooLong, badQuote)) {
            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("errors").get("Idempotency-Key").get(0).asString()).startsWith("must be 1 to 255");
        }
        assertThat(placed.get()).isEqualTo(before);
    }

    @Test
    void requiredKeyMissingIs400AndOptionalKeyMissingRunsEveryTime() throws Exception {
        HttpResponse<String> missing = post("/keyed/required", null, "{\"name\":\"margherita\"}", null);
        HttpResponse<String> optional1 = post("/keyed/orders", null, "{\"name\":\"margherita\"}", null);
        HttpResponse<String> optional2 = post("/keyed/orders", null, "{\"name\":\"margherita\"}", null);

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("detail").asString()).isEqualTo("The Idempotency-Key header is required");
        assertThat(optional2.body()).isNotEqualTo(optional1.body());
    }

    @Test
    void headerOnAMethodWithoutTheAnnotationIsIgnored() throws Exception {
        HttpResponse<String> first = post("/unkeyed/orders", "k-unkeyed", "{\"name\":\"margherita\"}", null);
        HttpResponse<String> second = post("/unkeyed/orders", "k-unkeyed", "{\"name\":\"margherita\"}", null);

        assertThat(second.body()).isNotEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void keysAreScopedToThePrincipal() throws Exception {
        HttpResponse<String> ada = post("/keyed/orders", "k-shared", "{\"name\":\"margherita\"}", "ada");
        HttpResponse<String> bob = post("/keyed/orders", "k-shared", "{\"name\":\"margherita\"}", "bob");
        HttpResponse<String> adaAgain = post("/keyed/orders", "k-shared", "{\"name\":\"margherita\"}", "ada");

        assertThat(bob.body()).isNotEqualTo(ada.body());
        assertThat(bob.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(adaAgain.body()).isEqualTo(ada.body());
    }

    private HttpResponse<String> post(String path, String key, String body, String user)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
