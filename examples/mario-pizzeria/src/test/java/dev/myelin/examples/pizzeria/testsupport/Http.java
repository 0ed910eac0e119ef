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
 * status, headers, text and parsed JSON out. Never follows redirects. The short forms
 * ({@link #get(String, String)}, {@link #post(String, String, String)}, ...) sign in as a development
 * user (password = user name); {@link #send} takes any {@code Authorization} header. Thread-safe.
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
     * Sends an anonymous GET.
     *
     * @param path the path and query
     * @return the response
     */
    public Response get(String path) {
        return send("GET", path, null, null);
    }

    /**
     * Sends a GET as a development user.
     *
     * @param path the path and query
     * @param user the user, or {@code null} for anonymous
     * @return the response
     */
    public Response get(String path, String user) {
        return send("GET", path, null, userAuthorization(user));
    }

    /**
     * Sends an anonymous POST.
     *
     * @param path the path
     * @param json the body, or {@code null}
     * @return the response
     */
    public Response post(String path, String json) {
        return send("POST", path, json, null);
    }

    /**
     * Sends a POST as a development user.
     *
     * @param path the path
     * @param json the body, or {@code null}
     * @param user the user, or {@code null} for anonymous
     * @return the response
     */
    public Response post(String path, String json, String user) {
        return send("POST", path, json, userAuthorization(user));
    }

    /**
     * Sends a PUT as a development user.
     *
     * @param path the path
     * @param json the body, or {@code null}
     * @param user the user, or {@code null} for anonymous
     * @return the response
     */
    public Response put(String path, String json, String user) {
        return send("PUT", path, json, userAuthorization(user));
    }

    /**
     * Sends a DELETE as a development user.
     *
     * @param path the path
     * @param user the user, or {@code null} for anonymous
     * @return the response
     */
    public Response delete(String path, String user) {
        return send("DELETE", path, null, userAuthorization(user));
    }

    private static String userAuthorization(String user) {
        return user == null ? null : basic(user);
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
         * Returns a text field of the JSON body.
         *
         * @param field the field
         * @return its text, or an empty string if absent
         */
        public String text(String field) {
            return json().path(field).asString();
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
