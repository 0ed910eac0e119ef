package dev.myelin.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.core.Command;
import dev.myelin.core.CommandHandler;
import dev.myelin.core.Mediator;
import dev.myelin.core.OperationResult;
import dev.myelin.core.Query;
import dev.myelin.core.QueryHandler;
import dev.myelin.core.RequestContext;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The web support over real HTTP: a tiny secured app on a random port, called with java.net.http. */
@SpringBootTest(classes = WebAutoConfigurationHttpTest.PizzeriaApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // The other test application of this package declares requests this one has no handlers for.
        properties = {"spring.jackson.property-naming-strategy=SNAKE_CASE", "myelin.postgres.embedded.enabled=false",
            "myelin.mediator.check-declared-requests=false"})
class WebAutoConfigurationHttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    record PlaceOrder(@NotBlank String customerName, @NotBlank @Size(min = 10) String customerPhone, int quantity)
            implements Command<OperationResult<OrderDto>> {
    }

    record GetOrder(String orderId) implements Query<OperationResult<OrderDto>> {
    }

    record GetCorrelation() implements Query<OperationResult<Map<String, String>>> {
    }

    record GetCaller() implements Query<OperationResult<Map<String, Object>>> {
    }

    record OrderDto(String orderId, String customerName, int quantity) {
    }

    record PlaceOrderRequest(String customerName, String customerPhone, int quantity) {
        PlaceOrder toCommand() {
            return new PlaceOrder(customerName, customerPhone, quantity);
        }
    }

    enum PizzaSize { SMALL, MEDIUM, LARGE }

    record AddTopping(@NotBlank String toppingName, PizzaSize pizzaSize) {
    }

    /** Refuses values in its constructor: a client's mistake (IllegalArgumentException) or a bug (anything else). */
    record Discount(String code, int percent) {
        Discount {
            if (percent < 0 || percent > 50) {
                throw new IllegalArgumentException("must be between 0 and 50");
            }
            if ("bug".equals(code)) {
                throw new IllegalStateException("lookup table jdbc:secret not loaded");
            }
        }
    }

    record DiscountRequest(Discount discount) {
    }

    @RestController
    @RequestMapping("/api/orders")
    static class OrdersController extends ControllerBase {

        OrdersController(Mediator mediator) {
            super(mediator);
        }

        @PostMapping
        ResponseEntity<Object> place(@RequestBody PlaceOrderRequest body) {
            return process(mediator().send(body.toCommand()));
        }

        @GetMapping("/{id}")
        ResponseEntity<Object> get(@PathVariable String id) {
            return process(mediator().send(new GetOrder(id)));
        }

        @GetMapping("/caller")
        ResponseEntity<Object> caller() {
            return process(mediator().send(new GetCaller()));
        }

        @GetMapping("/correlation")
        ResponseEntity<Object> correlation() {
            return process(mediator().send(new GetCorrelation()));
        }

        @GetMapping
        ResponseEntity<Object> page(@RequestParam int size) {
            return ResponseEntity.ok(Map.of("size", size));
        }

        @PostMapping("/toppings")
        ResponseEntity<Object> addTopping(@jakarta.validation.Valid @RequestBody AddTopping body) {
            return ResponseEntity.ok(body);
        }

        @PostMapping("/discounts")
        ResponseEntity<Object> discount(@RequestBody DiscountRequest body) {
            return ResponseEntity.ok(body);
        }

        @GetMapping("/boom")
        ResponseEntity<Object> boom() {
            throw new IllegalStateException("connection string jdbc:secret");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @Import(OrdersController.class)
    static class PizzeriaApplication {

        @Bean
        CommandHandler<PlaceOrder, OperationResult<OrderDto>> placeOrder() {
            return command -> OperationResult.created(new OrderDto("o-1", command.customerName(), command.quantity()));
        }

        @Bean
        QueryHandler<GetOrder, OperationResult<OrderDto>> getOrder() {
            return query -> OperationResult.notFound("Order", query.orderId());
        }

        @Bean
        QueryHandler<GetCaller, OperationResult<Map<String, Object>>> getCaller() {
            return query -> OperationResult.ok(RequestContext.current().principal()
                    .<Map<String, Object>>map(principal -> Map.of("name", principal.name(),
                            "roles", new java.util.TreeSet<>(principal.roles())))
                    .orElse(Map.of("name", "anonymous")));
        }

        /** Spring Security in front of everything, as in an application: every path open, Basic optional. */
        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .httpBasic(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("luigi").password("{noop}secret")
                    .roles("chef", "manager").build());
        }

        @Bean
        QueryHandler<GetCorrelation, OperationResult<Map<String, String>>> getCorrelation() {
            return query -> OperationResult.ok(Map.of("correlation_id",
                    RequestContext.current().correlationId().orElse("none")));
        }
    }

    @Test
    void placedOrderIs201WithBody() throws Exception {
        HttpResponse<String> response = post("""
                {"customer_name": "Mario", "customer_phone": "0123456789", "quantity": 2}""", "application/json");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("order_id").asString()).isEqualTo("o-1");
        assertThat(body.get("customer_name").asString()).isEqualTo("Mario");
        assertThat(body.get("quantity").asInt()).isEqualTo(2);
    }

    @Test
    void unknownOrderIs404ProblemNamingTheId() throws Exception {
        HttpResponse<String> response = get("/api/orders/o-404", Map.of());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("title").asString()).isEqualTo("Not Found");
        assertThat(problem.get("detail").asString()).isEqualTo("Order 'o-404' was not found");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/orders/o-404");
    }

    @Test
    void invalidCommandIs400WithErrorsKeyedBySnakeCaseFields() throws Exception {
        HttpResponse<String> response = post("""
                {"customer_name": "", "customer_phone": "123", "quantity": 1}""", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        assertThat(errors.has("customer_name")).isTrue();
        assertThat(errors.has("customer_phone")).isTrue();
    }

    @Test
    void malformedJsonIs400NamingTheProblem() throws Exception {
        HttpResponse<String> response = post("{\"customer_name\": ", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asString()).startsWith("Malformed JSON");
    }

    @Test
    void emptyBodyIs400SayingItIsMissing() throws Exception {
        HttpResponse<String> response = post("", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asString()).isEqualTo("Request body is missing");
    }

    @Test
    void wrongTypeIs400NamingTheField() throws Exception {
        HttpResponse<String> response = post("""
                {"customer_name": "Mario", "customer_phone": "0123456789", "quantity": "many"}""", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("detail").asString()).isEqualTo("Field 'quantity' must be a number");
        assertThat(problem.get("errors").get("quantity").get(0).asString()).isEqualTo("must be a number");
    }

    @Test
    void validAnnotatedBodyIs400WithSnakeCaseErrorsAndUnknownEnumNamesTheChoices() throws Exception {
        HttpResponse<String> invalid = post("/api/orders/toppings", "{\"topping_name\": \" \"}", "application/json");
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(invalid.body());
        assertThat(problem.get("title").asString()).isEqualTo("Validation failed");
        assertThat(problem.get("errors").has("topping_name")).isTrue();

        HttpResponse<String> unknownSize = post("/api/orders/toppings",
                "{\"topping_name\": \"basil\", \"pizza_size\": \"huge\"}", "application/json");
        assertThat(unknownSize.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknownSize.body()).get("errors").get("pizza_size").get(0).asString())
                .isEqualTo("must be one of SMALL, MEDIUM, LARGE");
    }

    @Test
    void aValueRefusedByItsConstructorIs400WithTheRefusalAndAnyOtherFailureStaysUnsaid() throws Exception {
        HttpResponse<String> refused = post("/api/orders/discounts", "{\"discount\": {\"code\": \"x\", \"percent\": 90}}",
                "application/json");
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("errors").get("discount").get(0).asString()).isEqualTo("must be between 0 and 50");
        assertThat(problem.get("detail").asString()).isEqualTo("Field 'discount' must be between 0 and 50");

        HttpResponse<String> bug = post("/api/orders/discounts", "{\"discount\": {\"code\": \"bug\", \"percent\": 5}}",
                "application/json");
        assertThat(bug.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bug.body()).get("errors").get("discount").get(0).asString()).isEqualTo("is invalid");
        assertThat(bug.body()).doesNotContain("jdbc:secret");
    }

    @Test
    void wrongParameterTypeAndMissingParameterAre400NamingTheParameter() throws Exception {
        HttpResponse<String> wrong = get("/api/orders?size=ten", Map.of());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrong.body()).get("errors").has("size")).isTrue();

        HttpResponse<String> missing = get("/api/orders", Map.of());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("detail").asString()).isEqualTo("Parameter 'size' is required");
    }

    @Test
    void unsupportedMediaTypeIs415() throws Exception {
        HttpResponse<String> response = post("customer_name=Mario", "text/plain");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void correlationIdIsEchoedAndSeenByTheHandler() throws Exception {
        HttpResponse<String> response = get("/api/orders/correlation", Map.of("X-Correlation-ID", "order-flow-42"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Correlation-ID")).hasValue("order-flow-42");
        assertThat(JSON.readTree(response.body()).get("correlation_id").asString()).isEqualTo("order-flow-42");

        HttpResponse<String> generated = get("/api/orders/correlation", Map.of("X-Correlation-ID", "<script>alert(1)</script>"));
        String id = generated.headers().firstValue("X-Correlation-ID").orElseThrow();
        assertThat(id).isNotEqualTo("<script>alert(1)</script>").matches("[0-9a-f-]{36}");
        assertThat(JSON.readTree(generated.body()).get("correlation_id").asString()).isEqualTo(id);
    }

    @Test
    void oversizedBodyIs413WithOrWithoutContentLength() throws Exception {
        String huge = "{\"customer_name\": \"" + "x".repeat(1024 * 1024) + "\"}";
        HttpResponse<String> declared = post(huge, "application/json");
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpRequest chunked = HttpRequest.newBuilder(uri("/api/orders")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> streamed = HTTP.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(streamed.body()).get("detail").asString()).startsWith("Request body is larger than");
    }

    @Test
    void principalAndRolesComeFromSpringSecurityAheadOfTheFilter() throws Exception {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("luigi:secret".getBytes());
        JsonNode caller = JSON.readTree(get("/api/orders/caller", Map.of("Authorization", basic)).body());
        assertThat(caller.get("name").asString()).isEqualTo("luigi");
        assertThat(caller.get("roles").toString()).isEqualTo("[\"chef\",\"manager\"]");

        JsonNode anonymous = JSON.readTree(get("/api/orders/caller", Map.of()).body());
        assertThat(anonymous.get("name").asString()).isEqualTo("anonymous");
    }

    @Test
    void unexpectedExceptionIs500WithoutItsMessage() throws Exception {
        HttpResponse<String> response = get("/api/orders/boom", Map.of());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain("secret").doesNotContain("IllegalStateException");
        assertThat(JSON.readTree(response.body()).get("detail").asString()).isEqualTo("An unexpected error occurred");
    }

    private HttpResponse<String> post(String body, String contentType) throws IOException, InterruptedException {
        return post("/api/orders", body, contentType);
    }

    private HttpResponse<String> post(String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
