package dev.myelin.examples.pizzeria.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.examples.pizzeria.testsupport.Http;
import dev.myelin.examples.pizzeria.testsupport.PizzeriaHttpTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description and Swagger UI are served without login, with snake_case schemas: each
 * success response names its DTO (controllers return {@code ResponseEntity<Dto>}), each error an
 * RFC 9457 problem.
 */
class OpenApiHttpTest extends PizzeriaHttpTest {

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
    void placingAnOrderDocumentsItsCreatedResponseWithTheOrderPlacedSchema() {
        JsonNode docs = apiDocs();
        JsonNode responses = docs.path("paths").path("/api/orders").path("post").path("responses");
        assertThat(responses.has("201")).as(responses.toString()).isTrue();
        JsonNode placed = successSchema(docs, responses.path("201"));
        assertThat(placed.path("properties").has("order_id")).as(placed.toString()).isTrue();
        assertThat(placed.path("properties").has("total_amount")).isTrue();
        assertThat(placed.path("properties").has("estimated_ready_time")).isTrue();
        assertThat(placed.path("properties").has("orderId")).isFalse();
    }

    @Test
    void theOrderStatusDocumentsItsStatusAndCustomerName() {
        JsonNode docs = apiDocs();
        JsonNode ok = docs.path("paths").path("/api/orders/{orderId}/status").path("get").path("responses").path("200");
        JsonNode status = successSchema(docs, ok);
        assertThat(status.path("properties").has("status")).as(status.toString()).isTrue();
        assertThat(status.path("properties").has("customer_name")).isTrue();
        assertThat(status.path("properties").has("customerName")).isFalse();
    }

    @Test
    void aPagedListDocumentsItsItemsSchema() {
        JsonNode docs = apiDocs();
        JsonNode ok = docs.path("paths").path("/api/orders").path("get").path("responses").path("200");
        JsonNode page = successSchema(docs, ok);
        assertThat(page.path("properties").has("total_items")).as(page.toString()).isTrue();
        JsonNode item = resolve(docs, page.path("properties").path("items").path("items"));
        assertThat(item.path("properties").has("customer_name")).as(item.toString()).isTrue();
        assertThat(item.path("properties").has("items_count")).isTrue();
    }

    @Test
    void noApiOperationDocumentsItsSuccessAsABareObject() {
        JsonNode docs = apiDocs();
        List<String> untyped = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                    if (!response.getKey().startsWith("2")) {
                        continue;
                    }
                    checked++;
                    JsonNode schema = successSchema(docs, response.getValue());
                    if (!schema.path("properties").isObject() || schema.path("properties").isEmpty()) {
                        untyped.add(operation.getKey() + " " + path.getKey() + " " + response.getKey() + ": " + schema);
                    }
                }
            }
        }
        assertThat(checked).as("success responses found").isGreaterThanOrEqualTo(20);
        assertThat(untyped).isEmpty();
    }

    @Test
    void errorResponsesStayProblemsBesideTheTypedSuccess() {
        JsonNode docs = apiDocs();
        JsonNode status = docs.path("paths").path("/api/orders/{orderId}/status").path("get").path("responses");
        JsonNode problem = resolve(docs, status.path("4XX").path("content").path("application/problem+json").path("schema"));
        assertThat(problem.path("properties").has("detail")).as(status.toString()).isTrue();
        assertThat(problem.path("properties").has("errors")).isTrue();
        assertThat(status.path("200").path("content").has("application/problem+json")).isFalse();
    }

    @Test
    void swaggerUiIsServedWithoutLogin() {
        Http.Response entry = http.page("/swagger-ui.html");
        assertThat(entry.status()).isIn(200, 302);
        Http.Response ui = http.page("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.text()).contains("swagger-ui");
    }

    private JsonNode apiDocs() {
        Http.Response docs = http.send("GET", "/v3/api-docs", null, null);
        assertThat(docs.status()).as(docs.text()).isEqualTo(200);
        return docs.json();
    }

    /** The schema of a response's first (JSON) content, its {@code $ref} resolved in {@code components.schemas}. */
    private static JsonNode successSchema(JsonNode docs, JsonNode response) {
        JsonNode content = response.path("content");
        assertThat(content.isObject() && !content.isEmpty()).as("content of " + response).isTrue();
        return resolve(docs, content.properties().iterator().next().getValue().path("schema"));
    }

    private static JsonNode resolve(JsonNode docs, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.isEmpty()) {
            return schema;
        }
        assertThat(ref).startsWith("#/components/schemas/");
        JsonNode resolved = docs.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        assertThat(resolved.isMissingNode()).as("schema " + ref).isFalse();
        return resolved;
    }
}
