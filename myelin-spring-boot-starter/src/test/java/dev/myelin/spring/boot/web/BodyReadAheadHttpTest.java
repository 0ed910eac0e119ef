package dev.myelin.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
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

        /** The body as received, and whether the request was dispatched again after reading it asynchronously. */
        @PostMapping("/echo")
        ResponseEntity<Object> echo(@RequestBody String body, HttpServletRequest request) {
            return ResponseEntity.ok(Map.of("body", body,
                    "dispatched_again", request.getAttribute(AsyncContext.ASYNC_REQUEST_URI) != null));
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
    void bodiesSentWithTheirHeadersAreReadOnTheRequestsOwnDispatch() throws Exception {
        String body = "{\"customer_name\": \"Mario\", \"quantity\": 2}";
        try (Socket socket = socket()) {
            // Two requests on one kept-alive connection, as load tools and browsers send them.
            for (boolean last : new boolean[] {false, true}) {
                socket.getOutputStream().write(post(body, body.length(), last));
                String response = response(socket);
                assertThat(response).startsWith("HTTP/1.1 200");
                assertThat(body(response).get("body").asString()).isEqualTo(body);
                assertThat(body(response).get("dispatched_again").asBoolean()).as("dispatched again").isFalse();
            }
        }
    }

    @Test
    void aBodyWhoseRestArrivesLaterReachesTheHandlerWholeAfterAnAsynchronousRead() throws Exception {
        String body = "{\"customer_name\": \"Mario\", \"quantity\": 2}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int half = bytes.length / 2;
        try (Socket socket = socket()) {
            OutputStream out = socket.getOutputStream();
            out.write(post(body, half, true));
            Thread.sleep(300); // a slow client: the rest comes later
            out.write(bytes, half, bytes.length - half);
            String response = response(socket);
            assertThat(response).startsWith("HTTP/1.1 200");
            assertThat(body(response).get("body").asString()).isEqualTo(body);
            assertThat(body(response).get("dispatched_again").asBoolean()).isTrue();
        }
    }

    private Socket socket() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** A POST of this body's first bytes with its headers, for one write (one segment on loopback). */
    private static byte[] post(String body, int first, boolean close) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                + (close ? "Connection: close\r\n" : "") + "Content-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        request.write(bytes, 0, first);
        return request.toByteArray();
    }

    /** Reads one response whose JSON body is the last thing in it (the final chunk, or the end of the stream). */
    private static String response(Socket socket) throws IOException {
        StringBuilder response = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (response.indexOf("}") < 0 || !(response.toString().endsWith("\r\n0\r\n\r\n") || response.toString().endsWith("}"))) {
            int read = socket.getInputStream().read(buffer);
            if (read < 0) {
                break;
            }
            response.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        }
        return response.toString();
    }

    /** The response's JSON object (its body may be chunked: the object is in one chunk). */
    private static JsonNode body(String response) {
        return JSON.readTree(response.substring(response.indexOf('{'), response.lastIndexOf('}') + 1));
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
