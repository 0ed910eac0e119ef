package dev.myelin.examples.pizzeria.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real-HTTP client of the running pizzeria for tests: raw bodies in (so malformed JSON can be sent),
 * status, headers, text and parsed JSON out. Never follows redirects.
 */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    /**
     * Creates a client of {@code http://localhost:<port>}.
     *
     * @param port the server's port
     */
    public Http(int port) {
        this.base = "http://localhost:" + port;
    }

    /**
     * Returns the {@code Authorization} value of a development user (password = user name).
     *
     * @param user the user
     * @return {@code Basic ...}
     */
    public static String basic(String user) {
        return basic(user, user);
    }

    /**
     * Returns the {@code Authorization} value of HTTP Basic credentials.
     *
     * @param user the user
     * @param password the password
     * @return {@code Basic ...}
     */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a request.
     *
     * @param method the method
     * @param path the path and query
     * @param body the body sent as {@code application/json}, or {@code null} for none
     * @param authorization the {@code Authorization} header, or {@code null}
     * @return the response
     */
    public Response send(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Accept", "application/json, application/problem+json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return exchange(request.build());
    }

    /**
     * Sends a GET that accepts anything, as a browser does.
     *
     * @param path the path
     * @return the response
     */
    public Response page(String path) {
        return exchange(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,*/*").GET().build());
    }

    /**
     * Sends a prepared request.
     *
     * @param request the request
     * @return the response
     */
    public Response exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        } catch (IOException failure) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(request.method() + " " + request.uri() + " interrupted", interrupted);
        }
    }

    /**
     * Returns the base URI, such as {@code http://localhost:8080}.
     *
     * @return the base
     */
    public String base() {
        return base;
    }

    /**
     * A response.
     *
     * @param raw the JDK response
     */
    public record Response(HttpResponse<String> raw) {

        /**
         * Returns the status.
         *
         * @return the status
         */
        public int status() {
            return raw.statusCode();
        }

        /**
         * Returns the body text.
         *
         * @return the text
         */
        public String text() {
            return raw.body();
        }

        /**
         * Returns a header's first value.
         *
         * @param name the header
         * @return its value, or an empty string
         */
        public String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }

        /**
         * Returns the body as JSON.
         *
         * @return the parsed body
         */
        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        /**
         * Returns whether the response is an RFC 9457 problem with this status.
         *
         * @param status the expected status
         * @return whether both the content type and the body's status say so
         */
        public boolean isProblem(int status) {
            return status() == status && header("Content-Type").startsWith("application/problem+json")
                    && json().path("status").asInt() == status;
        }
    }
}
