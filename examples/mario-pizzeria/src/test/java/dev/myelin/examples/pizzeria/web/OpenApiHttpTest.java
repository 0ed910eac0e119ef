package dev.myelin.examples.pizzeria.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.SecuredPizzeriaTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description and Swagger UI are served without login, with snake_case schemas. */
class OpenApiHttpTest extends SecuredPizzeriaTest {

    @Test
    void theApiDocsListTheOrdersEndpointsWithoutLogin() {
        Http.Response docs = http.send("GET", "/v3/api-docs", null, null);
        assertThat(docs.status()).as(docs.text()).isEqualTo(200);
        assertThat(docs.header("Content-Type")).startsWith("application/json");
        JsonNode paths = docs.json().path("paths");
        assertThat(paths.has("/api/orders")).isTrue();
        assertThat(paths.has("/api/orders/{orderId}/status")).isTrue();
        assertThat(paths.has("/api/kitchen/queue")).isTrue();
        assertThat(paths.path("/api/orders").has("post")).isTrue();
    }

    @Test
    void theSchemasUseTheSnakeCaseNamesOfTheJson() {
        JsonNode schemas = http.send("GET", "/v3/api-docs", null, null).json().path("components").path("schemas");
        JsonNode placeOrder = schemas.path("PlaceOrder").path("properties");
        assertThat(placeOrder.has("customer_name")).as(schemas.toString()).isTrue();
        assertThat(placeOrder.has("pizza_items")).isTrue();
        assertThat(placeOrder.has("customerName")).isFalse();
    }

    @Test
    void everyOperationDeclaresItsProblemResponses() {
        JsonNode docs = http.send("GET", "/v3/api-docs", null, null).json();
        JsonNode place = docs.path("paths").path("/api/orders").path("post").path("responses");
        assertThat(place.path("4XX").path("content").has("application/problem+json")).as(place.toString()).isTrue();
        assertThat(docs.path("components").path("schemas").path("Problem").path("properties").has("errors")).isTrue();
    }

    @Test
    void swaggerUiIsServedWithoutLogin() {
        Http.Response entry = http.page("/swagger-ui.html");
        assertThat(entry.status()).isIn(200, 302);
        Http.Response ui = http.page("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.text()).contains("swagger-ui");
    }
}
