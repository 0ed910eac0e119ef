package dev.myelin.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies read ahead without a thread, over real HTTP: a chunked body (whose end the server learns only
 * from its last chunk, so it is always read asynchronously) reaches the handler whole, as JSON or as a
 * form, with Spring Security and the request context in front; a body that does not arrive within
 * {@code myelin.web.slow-clients.body-timeout} is a 408 problem and the connection is closed.
 */
@SpringBootTest(classes = {WebAutoConfigurationHttpTest.PizzeriaApplication.class, BodyReadAheadHttpTest.FormController.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.jackson.property-naming-strategy=SNAKE_CASE", "myelin.postgres.embedded.enabled=false",
            "myelin.web.slow-clients.body-timeout=1s", "myelin.mediator.check-declared-requests=false"})
class BodyReadAheadHttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @RestController
    static class FormController {
        @PostMapping("/form")
        ResponseEntity<Object> form(@RequestParam String name, @RequestParam(required = false) String from) {
            return ResponseEntity.ok(Map.of("name", name, "from", String.valueOf(from)));
        }
    }

    @Test
    void aChunkedJsonBodyReachesTheHandlerWhole() throws Exception {
        HttpResponse<String> response = chunked("/api/orders", "application/json",
                "{\"customer_name\": \"Mario\", \"customer_phone\": \"+39 06 1234 5678\", \"quantity\": 2}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).get("quantity").asInt()).isEqualTo(2);
    }

    @Test
    void aChunkedFormBodyIsParsedWithTheQuery() throws Exception {
        HttpResponse<String> response = chunked("/form?from=query", "application/x-www-form-urlencoded",
                "name=Mario+Rossi%21");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("name").asString()).isEqualTo("Mario Rossi!");
        assertThat(JSON.readTree(response.body()).get("from").asString()).isEqualTo("query");
    }

    @Test
    void aNulInAFormParameterIsA400NamingIt() throws Exception {
        HttpResponse<String> response = chunked("/form", "application/x-www-form-urlencoded", "name=Mario%00");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("errors").path("name").get(0).asString())
                .isEqualTo("must not contain NUL characters");
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIsA408Problem() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"customer_name\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 408");
            assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(response).contains("\"status\":408", "The request body was not received within 1000 ms");
        }
    }

    private HttpResponse<String> chunked(String path, String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
