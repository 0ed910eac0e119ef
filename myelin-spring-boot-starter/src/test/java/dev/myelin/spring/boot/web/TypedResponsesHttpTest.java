package dev.myelin.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.core.QueryHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typed controller methods ({@code ResponseEntity<OrderDto>}, {@code ResponseEntity<List<OrderDto>>}) over real
 * HTTP: a success is written as the DTO, and a failure is still written as an RFC 9457 problem although its
 * {@link ProblemDetail} body hides behind the DTO type, even when that type is a list (a Jackson container type).
 */
@SpringBootTest(classes = TypedResponsesHttpTest.TypedApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // The other test application of this package declares requests this one has no handlers for.
        properties = {"spring.jackson.property-naming-strategy=SNAKE_CASE", "myelin.postgres.embedded.enabled=false",
            "myelin.mediator.check-declared-requests=false"})
class TypedResponsesHttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    record OrderDto(String orderId, String customerName) {
    }

    record GetOrder(String orderId) implements Query<OperationResult<OrderDto>> {
    }

    record ListOrders(String customerName) implements Query<OperationResult<List<OrderDto>>> {
    }

    record PlaceOrder(String customerName) implements Command<OperationResult<OrderDto>> {
    }

    @RestController
    @RequestMapping("/typed/orders")
    static class TypedOrdersController extends ControllerBase {

        TypedOrdersController(Mediator mediator) {
            super(mediator);
        }

        @GetMapping("/{id}")
        ResponseEntity<OrderDto> get(@PathVariable String id) {
            return process(mediator().send(new GetOrder(id)));
        }

        @GetMapping
        ResponseEntity<List<OrderDto>> list(@RequestParam(name = "customer_name") String customerName) {
            return process(mediator().send(new ListOrders(customerName)));
        }

        @PostMapping
        @ResponseStatus(HttpStatus.CREATED)
        ResponseEntity<OrderDto> place(@RequestParam(name = "customer_name") String customerName) {
            return process(mediator().send(new PlaceOrder(customerName)));
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @Import(TypedOrdersController.class)
    static class TypedApplication {

        @Bean
        QueryHandler<GetOrder, OperationResult<OrderDto>> getOrder() {
            return query -> "o-1".equals(query.orderId()) ? OperationResult.ok(new OrderDto("o-1", "Mario"))
                    : OperationResult.notFound("Order", query.orderId());
        }

        @Bean
        QueryHandler<ListOrders, OperationResult<List<OrderDto>>> listOrders() {
            return query -> query.customerName().isBlank()
                    ? OperationResult.validationFailed(Map.of("customer_name", List.of("must not be blank")))
                    : OperationResult.ok(List.of(new OrderDto("o-1", query.customerName()), new OrderDto("o-2", "Luigi")));
        }

        @Bean
        CommandHandler<PlaceOrder, OperationResult<OrderDto>> placeOrder() {
            return command -> "closed".equals(command.customerName()) ? OperationResult.conflict("The pizzeria is closed")
                    : OperationResult.created(new OrderDto("o-9", command.customerName()));
        }

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }

    @Test
    void aTypedSuccessIsWrittenAsItsDto() throws Exception {
        HttpResponse<String> response = send("GET", "/typed/orders/o-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("order_id").asString()).isEqualTo("o-1");
        assertThat(body.get("customer_name").asString()).isEqualTo("Mario");
    }

    @Test
    void aFailureBehindADtoTypeIsWrittenAsAProblemWithTheRequestPath() throws Exception {
        HttpResponse<String> response = send("GET", "/typed/orders/o-404");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("title").asString()).isEqualTo("Not Found");
        assertThat(problem.get("detail").asString()).contains("o-404");
        assertThat(problem.get("instance").asString()).isEqualTo("/typed/orders/o-404");
        assertThat(problem.has("order_id")).isFalse();
    }

    @Test
    void aTypedListIsWrittenAsAnArray() throws Exception {
        HttpResponse<String> response = send("GET", "/typed/orders?customer_name=Mario");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.isArray()).isTrue();
        assertThat(body.size()).isEqualTo(2);
        assertThat(body.get(0).get("customer_name").asString()).isEqualTo("Mario");
    }

    @Test
    void aFailureBehindAListTypeIsStillWrittenAsAProblemWithItsFieldErrors() throws Exception {
        HttpResponse<String> response = send("GET", "/typed/orders?customer_name=");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.isObject()).as(response.body()).isTrue();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").get("customer_name").get(0).asString()).isEqualTo("must not be blank");
    }

    @Test
    void theResultsStatusWinsOverTheResponseStatusAnnotationThatDocumentsTheSuccess() throws Exception {
        HttpResponse<String> created = send("POST", "/typed/orders?customer_name=Mario");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("order_id").asString()).isEqualTo("o-9");

        HttpResponse<String> conflict = send("POST", "/typed/orders?customer_name=closed");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(conflict.body()).get("detail").asString()).isEqualTo("The pizzeria is closed");
    }

    @Test
    void theMapperHandsBackTheProblemBehindTheDeclaredType() {
        ResponseEntity<List<OrderDto>> response = ResultMapper.ofDefaults().toResponse(OperationResult.conflict("busy"));

        assertThat(response.getStatusCode().value()).isEqualTo(409);
        ResponseEntity<?> untyped = response;
        Object body = untyped.getBody();
        assertThat(body).isInstanceOfSatisfying(ProblemDetail.class, problem -> assertThat(problem.getDetail())
                .isEqualTo("busy"));
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
